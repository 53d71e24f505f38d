/** A monthly report (R-PROC-8) as sent: cases, ledger in/out/balance, by channel and relief type, reconciliation. */
Component({
  options: { styleIsolation: 'apply-shared' },
  properties: {
    /** A ReportCard from utils/fund-format.ts. */
    card: { type: Object, value: {} },
    /** Show the society's name (oversight lists many societies). */
    showSociety: { type: Boolean, value: false },
    /** The full figures (detail) or the summary (list). */
    full: { type: Boolean, value: true },
  },
});
