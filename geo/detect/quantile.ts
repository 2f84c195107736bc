/**
 * The q-quantile (q in [0, 1], nearest-rank on a sorted copy) of the finite values of a sample, in
 * the sample's units; NaN when there are none. Sorting a copy is fine for the sample sizes the scene
 * model uses (≤ a few hundred thousand).
 */
export function quantile(values: ArrayLike<number>, q: number): number {
  const finite: number[] = [];
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) finite.push(values[i]);
  if (finite.length === 0) return NaN;
  const sorted = Float64Array.from(finite).sort();
  const k = Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))));
  return sorted[k];
}
