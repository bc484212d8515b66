// The ext_json template and the per-account variables, checked in the browser so the operator
// sees mistakes as they type. The server checks both again (batchrelease.Render, ParseVars).

/** Variables every account has without being given them. */
export const BUILTIN_VARS = ['appid', 'nickname', 'principalName'];

/** {{name}} with optional spaces inside the braces, as batchrelease's placeholder pattern. */
const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_.-]+)\s*\}\}/g;

/** The distinct variable names a template uses, in order of appearance. */
export function templateVars(tmpl: string): string[] {
  return [...new Set([...tmpl.matchAll(PLACEHOLDER)].map((m) => m[1]))];
}

/**
 * Why the template is not a JSON object, or "" when it is (or is empty: ext_json is optional).
 * Each placeholder stands in for a value: the server quotes one outside a string, so `0`
 * is a fair stand-in in both places.
 */
export function templateProblem(tmpl: string): string {
  if (!tmpl.trim()) return '';
  let v: unknown;
  try {
    v = JSON.parse(tmpl.replace(PLACEHOLDER, '0'));
  } catch (err) {
    return `不是合法的 JSON：${(err as Error).message}`;
  }
  return v && typeof v === 'object' && !Array.isArray(v) ? '' : 'ext_json 须为 JSON 对象（以 { 开头）';
}

/** Per-account values: appid → variable → value. */
export type Vars = Record<string, Record<string, string>>;

/** Parsed variables, or the reason they could not be read. */
export interface VarsResult {
  vars: Vars;
  /** Variable names (other than appid) in the order first seen. */
  names: string[];
  error: string;
}

/** Reads variables as batchrelease.ParseVars does: a JSON object keyed by appid, or CSV. */
export function parseVars(text: string): VarsResult {
  const t = text.replace(/^\uFEFF/, '').trim();
  if (!t) return { vars: {}, names: [], error: '' };
  try {
    return t.startsWith('{') ? parseJsonVars(t) : parseCsvVars(t);
  } catch (err) {
    return { vars: {}, names: [], error: (err as Error).message };
  }
}

function collect(vars: Vars): VarsResult {
  const names = [...new Set(Object.values(vars).flatMap((row) => Object.keys(row)))];
  return { vars, names, error: '' };
}

function parseJsonVars(t: string): VarsResult {
  let raw: unknown;
  try {
    raw = JSON.parse(t);
  } catch (err) {
    throw new Error(`变量 JSON 无法解析：${(err as Error).message}`, { cause: err });
  }
  const vars: Vars = {};
  for (const [appid, row] of Object.entries(raw as Record<string, unknown>)) {
    if (!row || typeof row !== 'object' || Array.isArray(row)) throw new Error(`帐号 ${appid} 的值须为 {变量名: 值} 对象`);
    vars[appid.trim()] = {};
    for (const [k, v] of Object.entries(row)) {
      if (v !== null && typeof v === 'object') throw new Error(`帐号 ${appid} 的变量 ${k} 须为字符串、数字或布尔值`);
      vars[appid.trim()][k] = v === null ? '' : String(v);
    }
  }
  return collect(vars);
}

/** Splits CSV text into records (RFC 4180 quotes, "" escapes, CRLF or LF). */
export function csvRecords(t: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = '';
  };
  for (let i = 0; i < t.length; i++) {
    const c = t[i];
    if (quoted) {
      if (c === '"' && t[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field.trim() === '') {
      quoted = true;
      field = '';
    } else if (c === ',') endField();
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && t[i + 1] === '\n') i++;
      endField();
      rows.push(row);
      row = [];
    } else field += c;
  }
  if (quoted) throw new Error('变量 CSV 有未闭合的引号');
  endField();
  rows.push(row);
  return rows.filter((r) => r.some((f) => f.trim() !== ''));
}

function parseCsvVars(t: string): VarsResult {
  const [header, ...rows] = csvRecords(t);
  const names = header.map((h) => h.trim());
  const col = names.indexOf('appid');
  if (col < 0) throw new Error('变量 CSV 的表头须有 appid 列');
  const vars: Vars = {};
  rows.forEach((rec, i) => {
    const appid = (rec[col] ?? '').trim();
    if (!appid) throw new Error(`变量 CSV 第 ${i + 2} 行没有 appid`);
    if (vars[appid]) throw new Error(`变量 CSV 第 ${i + 2} 行：appid ${appid} 重复`);
    vars[appid] = {};
    names.forEach((n, j) => {
      if (j !== col && n) vars[appid][n] = (rec[j] ?? '').trimStart();
    });
  });
  return collect(vars);
}

/** Template variables that are neither built in nor in the variables' columns. */
export function unknownVars(tmpl: string, parsed: VarsResult): string[] {
  return templateVars(tmpl).filter((n) => !BUILTIN_VARS.includes(n) && !parsed.names.includes(n));
}
