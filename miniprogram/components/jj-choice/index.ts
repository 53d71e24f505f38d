/**
 * One choice among several (a chip), or one of several boxes to tick (`multiple`): the chosen one
 * shows ✓ before its label as well as its colour, never colour alone, and is announced as a
 * checked radio or checkbox (issue 11). The page binds `bind:tap` and `data-value` on the tag as
 * on a view, and may give it a class for its own layout; `on` says whether this one is chosen.
 */
Component({
  options: { styleIsolation: 'apply-shared' },
  properties: {
    label: { type: String, value: '' },
    on: { type: Boolean, value: false },
    /** One of several that may all be chosen (a checkbox), rather than one of a set (a radio). */
    multiple: { type: Boolean, value: false },
    /** One line under the label, e.g. what a category means. */
    note: { type: String, value: '' },
  },
});
