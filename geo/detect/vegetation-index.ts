/**
 * Per-pixel vegetation index, dimensionless. With NIR it is NDVI = (NIR − R) / (NIR + R) in [−1, 1];
 * without NIR it is the normalised excess-green index ExG = (2G − R − B) / (R + G + B) (Woebbecke et al.
 * 1995) in [−1, 2], which separates green vegetation from soil and built surfaces in RGB imagery.
 * Inputs in any common linear unit (DN or reflectance); `nir` is ignored when `hasNir` is false.
 */
export function vegetationIndex(red: number, green: number, blue: number, nir: number, hasNir: boolean): number {
  if (hasNir) {
    const s = nir + red;
    return s > 1e-6 ? (nir - red) / s : 0;
  }
  const s = red + green + blue;
  return s > 1e-6 ? (2 * green - red - blue) / s : 0;
}
