/** The roster's pure rules: lists against declarations (R-ELIG-3/4, R-CAP-1/2), levels and visit schedules (R-OVS-1). */
import {
  DEFAULT_DIFFICULTY_LEVELS,
  addDays,
  caseListCheck,
  defaultLevelIdOf,
  dueVisitsSummary,
  factsFromLists,
  levelFromText,
  levelProblems,
  listMismatches,
  nextVisitDue,
  visitDueText,
  visitStatus,
} from '../../miniprogram/domain/roster';
import { checkEligibility } from '../../miniprogram/domain/relief';

const base = { hukou: 'beneficiary', cause: 'majorIllness', livingAtRisk: true } as const;

describe('eligibility from the lists', () => {
  it('R-CAP-1: on the imported 低保 list, a household that declared nothing gets supplementary relief (500 yuan)', () => {
    const facts = factsFromLists({ assistance: [], category: 'other' }, ['dibao'], ['dibao']);
    expect(facts).toEqual({ assistance: ['dibao'], category: 'other' });
    expect(checkEligibility({ ...base, ...facts })).toMatchObject({ reliefType: 'supplementary', capFen: 500_00 });
  });

  it('R-CAP-2: declared 低保 but not on the imported 低保 list: emergency relief (1000 yuan); 临时救助 stays as declared', () => {
    expect(factsFromLists({ assistance: ['dibao'], category: 'other' }, [], ['dibao'])).toEqual({
      assistance: [],
      category: 'other',
    });
    expect(factsFromLists({ assistance: ['dibao', 'temporary'], category: 'other' }, [], ['dibao'])).toEqual({
      assistance: ['temporary'],
      category: 'other',
    });
  });

  it('R-ELIG-3: a list never imported leaves the declaration to decide', () => {
    expect(factsFromLists({ assistance: ['tekun'], category: 'other' }, [], ['dibao'])).toEqual({
      assistance: ['tekun'],
      category: 'other',
    });
  });

  it('R-ELIG-4: a 低保边缘 / 返贫监测 / 支出型困难 list sets the category; a declared one off its list stays for the visit', () => {
    expect(factsFromLists({ assistance: [], category: 'unsure' }, ['relapseMonitored'], ['relapseMonitored'])).toEqual({
      assistance: [],
      category: 'relapseMonitored',
    });
    expect(factsFromLists({ assistance: [], category: 'nearDibao' }, [], ['nearDibao']).category).toBe('nearDibao');
  });

  it('R-ELIG-3/4: each difference from the applicant’s answer is one line for the officer', () => {
    expect(
      listMismatches({ assistance: ['dibao'], category: 'nearDibao' }, ['tekun'], ['dibao', 'tekun', 'nearDibao']),
    ).toEqual([
      '申请人填报为低保，但不在已导入的低保名单中',
      '申请人填报为低保边缘，但不在已导入的低保边缘名单中',
      '在特困名单中，申请人未填报',
    ]);
    expect(listMismatches({ assistance: ['dibao'], category: 'other' }, ['dibao'], ['dibao'])).toEqual([]);
    expect(caseListCheck({ assistance: [], category: 'other' }, [], []).summary).toBe(
      '本村尚未导入困难群众名单，以申请人填报和入户核实为准',
    );
    expect(caseListCheck({ assistance: [], category: 'other' }, [], ['dibao']).summary).toBe('不在已导入的低保名单中');
  });
});

describe('levels and visits (R-OVS-1)', () => {
  it('R-OVS-1: 特困 starts at the first level, 低保 at the second, the other lists at the third', () => {
    expect(defaultLevelIdOf(['dibao', 'tekun'], DEFAULT_DIFFICULTY_LEVELS)).toBe('l1');
    expect(defaultLevelIdOf(['dibao'], DEFAULT_DIFFICULTY_LEVELS)).toBe('l2');
    expect(defaultLevelIdOf(['expenditureHardship'], DEFAULT_DIFFICULTY_LEVELS)).toBe('l3');
    expect(defaultLevelIdOf(['nearDibao'], DEFAULT_DIFFICULTY_LEVELS.slice(0, 1))).toBe('l1');
  });

  it('R-OVS-1: a list names a level by id, label or its first word', () => {
    expect(levelFromText('一级', DEFAULT_DIFFICULTY_LEVELS)?.id).toBe('l1');
    expect(levelFromText('二级（比较困难）', DEFAULT_DIFFICULTY_LEVELS)?.id).toBe('l2');
    expect(levelFromText('l3', DEFAULT_DIFFICULTY_LEVELS)?.id).toBe('l3');
    expect(levelFromText('四级', DEFAULT_DIFFICULTY_LEVELS)).toBeNull();
    expect(levelFromText('', DEFAULT_DIFFICULTY_LEVELS)).toBeNull();
  });

  it('R-OVS-1: a county’s levels need unique ids and names and a period of 7 to 366 days', () => {
    expect(levelProblems(DEFAULT_DIFFICULTY_LEVELS)).toEqual([]);
    expect(levelProblems([])).toEqual(['困难等级须设 1 至 6 级']);
    expect(
      levelProblems([
        { id: 'a', label: '甲', visitEveryDays: 3 },
        { id: 'a', label: '甲', visitEveryDays: 30 },
      ]),
    ).toEqual([
      '「甲」的走访周期须为 7 至 366 天',
      '困难等级编号重复或不合规：a',
      '困难等级名称须为 1 至 20 个字且不重复：甲',
    ]);
  });

  it('R-OVS-1: the next visit is one period after the last (or after joining), across month and year ends', () => {
    expect(nextVisitDue(null, '2026-11-30', 30)).toBe('2026-12-30');
    expect(nextVisitDue('2027-01-31', '2026-11-30', 30)).toBe('2027-03-02');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
  });

  it('R-OVS-1: overdue after its day, due within a week, scheduled otherwise', () => {
    expect(visitStatus('2026-12-30', '2026-12-31')).toBe('overdue');
    expect(visitStatus('2026-12-30', '2026-12-30')).toBe('due');
    expect(visitStatus('2026-12-30', '2026-12-23')).toBe('due');
    expect(visitStatus('2026-12-30', '2026-12-22')).toBe('scheduled');
    expect(visitDueText('2026-12-30', '2027-01-04')).toBe('已逾期 5 天（应于 2026-12-30 前走访）');
    expect(visitDueText('2026-12-30', '2026-12-30')).toBe('今天应走访');
    expect(dueVisitsSummary([{ status: 'overdue' }, { status: 'due' }, { status: 'due' }])).toBe(
      '已逾期 1 户，近 7 天应走访 2 户',
    );
    expect(dueVisitsSummary([])).toBe('');
  });
});
