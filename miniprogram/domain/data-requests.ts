/**
 * A villager's requests about their own personal information (PIPL arts. 44–47, 50): to see and
 * copy it (查阅复制), to correct it (更正补充), or to delete it (删除). The society's officers answer
 * within 15 working days, accepted or refused with the reason and what was done. Pure: no wx.
 */
export type DataRequestKind = 'access' | 'correction' | 'deletion';
export const DATA_REQUEST_KINDS: readonly DataRequestKind[] = ['access', 'correction', 'deletion'];
export const DATA_REQUEST_KIND_LABELS: Record<DataRequestKind, string> = {
  access: '查阅、复制我的个人信息',
  correction: '更正、补充我的个人信息',
  deletion: '删除我的个人信息',
};

export type DataRequestStatus = 'open' | 'accepted' | 'refused';
export const DATA_REQUEST_STATUS_LABELS: Record<DataRequestStatus, string> = {
  open: '办理中',
  accepted: '已办理',
  refused: '不予办理',
};

/** Working days the society has to answer (see server/privacy/data-requests.ts for the source). */
export const DATA_REQUEST_WORKING_DAYS = 15;

/** The requester's own view: what they asked and the answer, nothing of anyone else. */
export interface MyDataRequestItem {
  id: string;
  societyName: string;
  kind: DataRequestKind;
  kindLabel: string;
  details: string;
  filedAt: string;
  dueAt: string;
  status: DataRequestStatus;
  statusLabel: string;
  /** What was done, or why it was refused; null while open. */
  answer: string | null;
  answeredAt: string | null;
}

/** For the society's officers (with the name) and the township (masked name only). */
export interface DataRequestItem {
  id: string;
  societyId: string;
  societyName: string;
  requesterName: string;
  kind: DataRequestKind;
  kindLabel: string;
  /** Empty for the township: the request's text is the society's to read. */
  details: string;
  filedAt: string;
  dueAt: string;
  overdue: boolean;
  status: DataRequestStatus;
  statusLabel: string;
  answer: string | null;
  answeredAt: string | null;
  answeredByName: string | null;
}

export interface DataRequestsView {
  items: DataRequestItem[];
  open: number;
  overdue: number;
  /** The caller answers (the society's officers); the township reads. */
  canAnswer: boolean;
}
