/**
 * The county's townships and villages from an xlsx template (issue 12, first start step 2): 乡镇,
 * 村（社区）, 村代码 — the 12-digit 统计用区划代码, whose first 9 digits are the township's. A file
 * with any bad row is refused whole, with the rows; a re-import adds what is new and never deletes
 * or renames. Ids follow from the codes (`area-<code>`), so a retry writes the same documents.
 * Made by the `spreadsheets` function alone, so that only its bundle carries the xlsx library.
 */
import type { ActionContext } from '../context';
import { COLLECTIONS, type AreaDoc } from '../collections';
import { loadCallerCounty } from './first-start';
import { appendAudit } from '../audit/trail';
import { findAll } from '../ports/store';
import { countAreasAdded } from './area-counts';
import { readTable, rowErrorLines, tableTemplate, type RowError, type TableColumn } from '../spreadsheets/table';
import type { AreaImportResult } from '../../miniprogram/domain/first-start';

type AreaColumn = 'township' | 'village' | 'code';

export const AREA_COLUMNS: readonly TableColumn<AreaColumn>[] = [
  {
    key: 'township',
    header: '乡镇（街道）',
    aliases: ['乡镇', '街道', '乡镇名称'],
    required: true,
    example: '青石镇',
    note: '村（社区）所属的乡镇或街道的名称',
  },
  {
    key: 'village',
    header: '村（社区）',
    aliases: ['村', '社区', '村名称', '村（居）委会'],
    required: true,
    example: '王家村',
    note: '村或社区的名称，每个村（社区）一行',
  },
  {
    key: 'code',
    header: '村代码',
    aliases: ['统计用区划代码', '区划代码', '村（社区）代码'],
    required: true,
    example: '',
    note: '国家统计局统计用区划代码，12 位数字；前 6 位是本县代码，前 9 位是乡镇代码',
  },
];

const MAX_AREA_ROWS = 3000;
const WRITE_BATCH = 40;

/** The template, with an example row under this county's code. */
export async function areaTemplate(ctx: ActionContext): Promise<{ fileName: string; base64: string }> {
  const { county } = await loadCallerCounty(ctx);
  const prefix = county.code ?? '000000';
  const content = await tableTemplate(`${county.name}乡镇和村（社区）`, AREA_COLUMNS, [
    { township: '青石镇', village: '王家村', code: `${prefix}101201` },
    { township: '青石镇', village: '柳塘村', code: `${prefix}101202` },
  ]);
  return { fileName: `${county.name}乡镇和村（社区）导入模板.xlsx`, base64: content.toString('base64') };
}

interface PlannedArea {
  row: number;
  township: { id: string; name: string };
  village: { id: string; name: string };
}

/** Step 2: the county's townships and villages. Any bad row refuses the whole file; nothing is written. */
export async function importAreas(ctx: ActionContext, fileBase64: string): Promise<AreaImportResult> {
  const { county, actor } = await loadCallerCounty(ctx);
  const read = await readTable(Buffer.from(fileBase64, 'base64'), AREA_COLUMNS, { maxRows: MAX_AREA_ROWS });
  const errors: RowError[] = [...read.errors];
  const existing = await findAll<AreaDoc>(ctx.store, COLLECTIONS.areas, { where: { countyId: county._id } }, 20_000);
  const existingById = new Map(existing.map((area) => [area._id, area]));
  const townshipNames = new Map<string, { name: string; row: number }>();
  const firstRowOfCode = new Map<string, number>();
  const planned: PlannedArea[] = [];

  for (const { row, values } of read.rows) {
    const code = values.code.replace(/\s/g, '');
    const townshipName = values.township.trim();
    const villageName = values.village.trim();
    if (!code || !townshipName || !villageName) continue; // already listed as an empty required cell
    if (!/^\d{12}$/.test(code)) {
      errors.push({ row, column: '村代码', message: '村代码应为 12 位数字（统计用区划代码）' });
      continue;
    }
    if (county.code && !code.startsWith(county.code)) {
      errors.push({ row, column: '村代码', message: `村代码应以本县代码 ${county.code} 开头` });
      continue;
    }
    const earlier = firstRowOfCode.get(code);
    if (earlier !== undefined) {
      errors.push({ row, column: '村代码', message: `与第 ${earlier} 行的村代码重复` });
      continue;
    }
    firstRowOfCode.set(code, row);
    const townshipId = `area-${code.slice(0, 9)}`;
    const villageId = `area-${code}`;
    const inFile = townshipNames.get(townshipId);
    if (inFile && inFile.name !== townshipName) {
      errors.push({
        row,
        column: '乡镇（街道）',
        message: `乡镇代码 ${code.slice(0, 9)} 在第 ${inFile.row} 行是「${inFile.name}」，这里是「${townshipName}」`,
      });
      continue;
    }
    townshipNames.set(townshipId, { name: townshipName, row });
    const storedTownship = existingById.get(townshipId);
    if (storedTownship && storedTownship.name !== townshipName) {
      errors.push({
        row,
        column: '乡镇（街道）',
        message: `乡镇代码 ${code.slice(0, 9)} 已登记为「${storedTownship.name}」`,
      });
      continue;
    }
    const storedVillage = existingById.get(villageId);
    if (storedVillage && storedVillage.name !== villageName) {
      errors.push({ row, column: '村（社区）', message: `村代码 ${code} 已登记为「${storedVillage.name}」` });
      continue;
    }
    planned.push({
      row,
      township: { id: townshipId, name: townshipName },
      village: { id: villageId, name: villageName },
    });
  }
  if (errors.length > 0) {
    const sorted = errors.sort((a, b) => a.row - b.row);
    return { ok: false, problems: rowErrorLines(sorted), townshipsAdded: 0, villagesAdded: 0, villagesKept: 0 };
  }

  const toWrite: AreaDoc[] = [];
  const added = new Set<string>();
  for (const area of planned) {
    if (!existingById.has(area.township.id) && !added.has(area.township.id)) {
      added.add(area.township.id);
      toWrite.push({
        _id: area.township.id,
        kind: 'township',
        name: area.township.name,
        code: area.township.id.slice('area-'.length),
        parentId: county._id,
        countyId: county._id,
        townshipId: area.township.id,
      });
    }
    if (!existingById.has(area.village.id)) {
      toWrite.push({
        _id: area.village.id,
        kind: 'village',
        name: area.village.name,
        code: area.village.id.slice('area-'.length),
        parentId: area.township.id,
        countyId: county._id,
        townshipId: area.township.id,
        townshipName: area.township.name,
      });
    }
  }
  const townshipNamesById = new Map(
    [...existing, ...toWrite].filter((area) => area.kind === 'township').map((area) => [area._id, area.name]),
  );
  const townshipsAdded = toWrite.filter((area) => area.kind === 'township').length;
  const villagesAdded = toWrite.length - townshipsAdded;
  const now = ctx.clock.now();
  // In batches (a transaction holds a bounded number of writes); ids follow from the codes, so a
  // retry after a failed batch writes the same documents and skips those already there.
  for (let start = 0; start < toWrite.length; start += WRITE_BATCH) {
    const batch = toWrite.slice(start, start + WRITE_BATCH);
    const last = start + WRITE_BATCH >= toWrite.length;
    await ctx.store.transaction(async (tx) => {
      const inserted: AreaDoc[] = [];
      for (const area of batch) {
        if (await tx.get(COLLECTIONS.areas, area._id)) continue;
        await tx.insert(COLLECTIONS.areas, area);
        inserted.push(area);
      }
      // The dashboard's counters move with the villages, in this transaction (issue 15).
      if (inserted.length > 0) await countAreasAdded(tx, county._id, inserted, townshipNamesById);
      if (last) {
        await appendAudit(tx, {
          scopeId: county._id,
          actor,
          action: 'county.importAreas',
          target: `${COLLECTIONS.areas}/${county._id}`,
          details: { townshipsAdded, villagesAdded, rows: planned.length },
          at: now,
        });
      }
    });
  }
  return {
    ok: true,
    problems: [],
    townshipsAdded,
    villagesAdded,
    villagesKept: planned.length - villagesAdded,
  };
}
