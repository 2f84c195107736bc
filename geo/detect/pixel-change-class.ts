/**
 * Change type of one pixel as an index into CHANGE_TYPES, from each date's coarse land state
 * (water / vegetation / bare soil / built). States: water if NDWI > waterThreshold (NIR only),
 * vegetation if the vegetation index > vegThreshold, otherwise bare soil when redness
 * (R − B)/(R + B) exceeds the scene's soil redness, built when it does not.
 */
const WATER = 0;
const VEG = 1;
const BARE = 2;
const BUILT = 3;

function state(veg: number, water: number, redness: number, vt: number, wt: number, soil: number): number {
  if (water > wt) return WATER;
  if (veg > vt) return VEG;
  return redness > soil ? BARE : BUILT;
}

/** Returns 0 vegetation_to_built, 1 vegetation_to_bare, 2 to_water, 3 built_to_bare, 4 other. */
export function pixelChangeClass(
  vegBefore: number,
  vegAfter: number,
  waterBefore: number,
  waterAfter: number,
  rednessBefore: number,
  rednessAfter: number,
  vegThreshold: number,
  waterThreshold: number,
  soilRedness: number,
): number {
  const s0 = state(vegBefore, waterBefore, rednessBefore, vegThreshold, waterThreshold, soilRedness);
  const s1 = state(vegAfter, waterAfter, rednessAfter, vegThreshold, waterThreshold, soilRedness);
  if (s1 === WATER && s0 !== WATER) return 2;
  if (s0 === VEG && s1 === BUILT) return 0;
  if (s0 === VEG && s1 === BARE) return 1;
  if (s0 === BUILT && s1 === BARE) return 3;
  return 4;
}
