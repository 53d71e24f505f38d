/**
 * The subscribe-message templates (订阅消息模板): configuration, in one place. Each template is
 * chosen in the WeChat admin console (mp.weixin.qq.com → 订阅消息 → 公共模板库) with the keywords
 * listed here, in this order; its template id is then set as the functions' environment variable
 * named here (README, "Subscribe messages"). A template without an id is not offered to pages and
 * its messages are recorded in the outbox as unconfigured, never sent.
 *
 * WeChat's keyword types limit what fits: `thing` up to 20 characters, `phrase` up to 5 Chinese
 * characters, `character_string` up to 32 letters and digits, `time` a date and time, `amount` a
 * sum of money (digits, a decimal point, 元).
 */

export type TemplateKey = 'caseProgress' | 'officerTodo' | 'objectionResult' | 'donationProgress' | 'meetingNotice';

export interface TemplateField {
  /** WeChat's keyword name, e.g. `thing4`. */
  key: string;
  /** The keyword's title in the console. */
  title: string;
  kind: 'thing' | 'phrase' | 'character_string' | 'time' | 'amount';
}

export interface TemplateConfig {
  key: TemplateKey;
  /** The template's title in the public library. */
  title: string;
  /** Who is asked to subscribe, and when (README). */
  askedWhen: string;
  envVar: string;
  fields: readonly TemplateField[];
}

export const TEMPLATES: Record<TemplateKey, TemplateConfig> = {
  caseProgress: {
    key: 'caseProgress',
    title: '申请进度通知',
    askedWhen: '申请人提交救助申请后',
    envVar: 'JJN_TEMPLATE_CASE_PROGRESS',
    fields: [
      { key: 'character_string1', title: '申请编号', kind: 'character_string' },
      { key: 'phrase2', title: '办理进度', kind: 'phrase' },
      { key: 'time3', title: '办理时间', kind: 'time' },
      { key: 'thing4', title: '温馨提示', kind: 'thing' },
    ],
  },
  officerTodo: {
    key: 'officerTodo',
    title: '待办事项提醒',
    askedWhen: '秘书长、社长打开工作台时；乡镇打开监督总览时',
    envVar: 'JJN_TEMPLATE_OFFICER_TODO',
    fields: [
      { key: 'character_string1', title: '案件编号', kind: 'character_string' },
      { key: 'thing2', title: '待办事项', kind: 'thing' },
      { key: 'time3', title: '时间', kind: 'time' },
      { key: 'thing4', title: '备注', kind: 'thing' },
    ],
  },
  objectionResult: {
    key: 'objectionResult',
    title: '异议处理结果通知',
    askedWhen: '居民对公示提出异议后',
    envVar: 'JJN_TEMPLATE_OBJECTION_RESULT',
    fields: [
      { key: 'thing1', title: '异议事项', kind: 'thing' },
      { key: 'phrase2', title: '处理结果', kind: 'phrase' },
      { key: 'time3', title: '答复时间', kind: 'time' },
      { key: 'thing4', title: '温馨提示', kind: 'thing' },
    ],
  },
  donationProgress: {
    key: 'donationProgress',
    title: '捐赠进展通知',
    askedWhen: '捐赠人认捐后',
    envVar: 'JJN_TEMPLATE_DONATION_PROGRESS',
    fields: [
      { key: 'thing1', title: '受赠单位', kind: 'thing' },
      { key: 'phrase2', title: '进展', kind: 'phrase' },
      { key: 'amount3', title: '金额', kind: 'amount' },
      { key: 'time4', title: '时间', kind: 'time' },
      { key: 'thing5', title: '说明', kind: 'thing' },
    ],
  },
  meetingNotice: {
    key: 'meetingNotice',
    title: '会议通知',
    askedWhen: '会员在会员大会页面点“接收会议通知”时',
    envVar: 'JJN_TEMPLATE_MEETING_NOTICE',
    fields: [
      { key: 'thing1', title: '会议名称', kind: 'thing' },
      { key: 'time2', title: '会议时间', kind: 'time' },
      { key: 'thing3', title: '温馨提示', kind: 'thing' },
    ],
  },
};

export const TEMPLATE_KEYS = Object.keys(TEMPLATES) as TemplateKey[];

/** Keyword limits of WeChat's types, in characters. */
export const FIELD_LIMITS: Record<TemplateField['kind'], number> = {
  thing: 20,
  phrase: 5,
  character_string: 32,
  time: 40,
  amount: 11,
};

/**
 * The template id configured for a template, or null. The local stack and tests have no WeChat:
 * a stand-in id (`local-caseProgress`) unless one is set, so the whole path runs there too.
 */
export function templateIdOf(
  key: TemplateKey,
  notifierKind: 'cloud' | 'local',
  env: NodeJS.ProcessEnv = process.env,
): string | null {
  const id = env[TEMPLATES[key].envVar]?.trim();
  if (id) return id;
  return notifierKind === 'local' ? `local-${key}` : null;
}

/** The template a configured id belongs to (what a page reports back after wx.requestSubscribeMessage). */
export function templateKeyOfId(
  id: string,
  notifierKind: 'cloud' | 'local',
  env: NodeJS.ProcessEnv = process.env,
): TemplateKey | null {
  return TEMPLATE_KEYS.find((key) => templateIdOf(key, notifierKind, env) === id) ?? null;
}

/** The keyword values WeChat takes, cut to each keyword's limit. */
export function templateData(key: TemplateKey, values: Record<string, string>): Record<string, { value: string }> {
  const data: Record<string, { value: string }> = {};
  for (const field of TEMPLATES[key].fields) {
    const value = values[field.key] ?? '';
    data[field.key] = { value: [...value].slice(0, FIELD_LIMITS[field.kind]).join('') };
  }
  return data;
}
