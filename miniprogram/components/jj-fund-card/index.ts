/** The fund at a glance: balance in yuan and, for a preparing society, progress toward the start-up fund. */
Component({
  options: { styleIsolation: 'apply-shared' },
  properties: {
    caption: { type: String, value: '互助资金余额' },
    balanceText: { type: String, value: '' },
    showProgress: { type: Boolean, value: false },
    progressPercent: { type: Number, value: 0 },
    progressLabel: { type: String, value: '' },
    progressRemainder: { type: String, value: '' },
  },
});
