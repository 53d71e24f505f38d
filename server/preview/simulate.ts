/**
 * miniprogram-simulate's own browser build (`build.js`, which sets `window.simulate`), with one
 * change: it turns 1rpx into 1px, a phone 375 px wide shows 750rpx in 375px. Both copies of
 * `transformRpx` in the build (simulate's, for stylesheets, and j-component's, for inline styles)
 * are rewritten; if a new version of the build changes them, this fails loudly instead of
 * silently drawing everything twice as large.
 */
import fs from 'node:fs';

/** A 375 px wide phone: 750rpx = 375px. */
export const PHONE_WIDTH_PX = 375;
export const PX_PER_RPX = PHONE_WIDTH_PX / 750;

const ORIGINAL_TRANSFORM = "return style.replace(/(\\d+)rpx/ig, '$1px')";
const EXPECTED_COPIES = 2;

export function patchSimulateBuild(source: string): string {
  const copies = source.split(ORIGINAL_TRANSFORM).length - 1;
  if (copies !== EXPECTED_COPIES) {
    throw new Error(
      `preview: expected ${EXPECTED_COPIES} copies of transformRpx in miniprogram-simulate/build.js, found ${copies}`,
    );
  }
  const scaled =
    'return String(style).replace(/(\\d*\\.?\\d+)rpx/ig, function (_all, value) ' +
    `{ return (Math.round(parseFloat(value) * ${PX_PER_RPX} * 1000) / 1000) + 'px' })`;
  return source.split(ORIGINAL_TRANSFORM).join(scaled);
}

export function readPatchedSimulate(buildFile: string): string {
  return patchSimulateBuild(fs.readFileSync(buildFile, 'utf8'));
}
