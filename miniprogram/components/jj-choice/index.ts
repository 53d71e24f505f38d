/**
 * One choice among several (a chip): the chosen one shows ✓ before its label as well as its
 * colour, never colour alone (issue 11). The page binds `bind:tap` and `data-value` on the tag
 * as on a view; `on` says whether this one is chosen.
 */
Component({
  options: { styleIsolation: 'apply-shared' },
  properties: {
    label: { type: String, value: '' },
    on: { type: Boolean, value: false },
    /** One line under the label, e.g. what a category means. */
    note: { type: String, value: '' },
  },
});
