/**
 * Totals of exact partial sums, so a patch's feature sums are bit-identical however it was cut into
 * windows.
 *
 * Why buckets: float addition is not associative, so summing the same float32 values in another
 * order (one big window vs. pieces merged across borders) would change the last bits. Values whose
 * float32 exponent is e are integer multiples of 2^(e-150) below 2^24 units, so a float64 sum of up
 * to 2^29 of them is exact; each bucket (one per exponent) is therefore exact and order-free, and the
 * total adds the buckets in ascending exponent order. Pieces merge by adding buckets (also exact).
 */

/** Sum of flat [exponent, sum, ...] buckets (ascending exponents), added in that order. */
export function bucketTotal(buckets: readonly number[]): number {
  let total = 0;
  for (let i = 1; i < buckets.length; i += 2) total += buckets[i];
  return total;
}
