/**
 * McFeeters' NDWI = (G − NIR) / (G + NIR), dimensionless in [−1, 1]; open water is positive,
 * vegetation strongly negative. Inputs in any common linear unit.
 */
export function waterIndex(green: number, nir: number): number {
  const s = green + nir;
  return s > 1e-6 ? (green - nir) / s : 0;
}
