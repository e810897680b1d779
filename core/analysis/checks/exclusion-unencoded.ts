// exclusion-unencoded: the official text of a cited 区分 says that another 区分 of the rule
// set is not claimed with it (「区分番号Ｂ００３に掲げる…は、別に算定できない」), and no relation
// links their rules. Reported at the rule that should declare it — the one the sentence keeps
// — with a quick fix that adds the relation in the sentence's direction: in Y's text 「X は別に
// 算定できない」 Y overrides X; 「X を算定する場合は、算定できない」 X overrides Y; where the
// text keeps neither, they exclude each other. The scope follows the sentence (同一日, 算定した
// 日: day; 同一月, 算定した月: month), else the same claim.
import { effectiveClause } from '../law/cited';
import { statedExclusions, type StatedExclusion } from '../law/unencoded-exclusions';
import { keySpan, valueSpan } from '../parse';
import { findingAt, type Anchor } from '../report';
import type { Finding, Span } from '../types';
import { asArray, locAt, type ItemDef } from '../../model/workspace';
import { isTextEdit, type TextEdit } from '../fixes';
import type { Check } from './check';

/** What a finding's fix writes: the relation, and the edit that adds it to the declaring item. */
export type ExclusionUnencodedData = {
  relation: 'overrides' | 'excludes';
  id: string;
  edit: TextEdit;
};

export const exclusionUnencoded: Check = {
  code: 'exclusion-unencoded',
  fixes({ data }) {
    const fix = data as Partial<ExclusionUnencodedData> | undefined;
    if (!fix || !isTextEdit(fix.edit)) return [];
    return [{ title: { id: 'fix.add-relation', args: { relation: String(fix.relation), id: String(fix.id) } }, edits: [fix.edit] }];
  },
  run(ws) {
    const findings: Finding[] = [];
    const reported = new Set<string>();
    const texts = new Map(ws.files.map((file) => [file.file, file.text] as const));
    for (const stated of statedExclusions(ws)) {
      if (stated.status !== 'unencoded') continue;
      const { declarer, target, kind } = relationOf(stated);
      // One finding per pair of rules: several sentences may say the same.
      const key = `${stated.revision}\u0000${declarer.id}\u0000${target.id}`;
      if (reported.has(key)) continue;
      reported.add(key);
      const scope = scopeOf(stated.sentence.sentence.text);
      const entry = scope ? `{ id: ${target.id}, scope: ${scope} }` : target.id;
      const clause = effectiveClause(declarer);
      const [loc, anchor]: [typeof declarer.loc, Anchor] =
        clause && clause.loc.file === declarer.loc.file ? [clause.loc, 'value'] : [locAt(declarer.loc, 'id'), 'value'];
      const message = {
        id: `exclusion-unencoded.${kind}`,
        args: {
          clause: stated.sentence.passage.clause,
          sentence: stated.sentence.sentence.text,
          named: stated.named.clause,
          declarer: declarer.id,
          target: target.id,
        },
      };
      findings.push(
        findingAt('exclusion-unencoded', loc, anchor, message, {
          data: {
            relation: kind,
            id: target.id,
            edit: relationEdit(declarer, kind, entry, texts.get(declarer.loc.file) ?? ''),
          } satisfies ExclusionUnencodedData,
        }),
      );
    }
    return findings;
  },
};

/** Who declares the relation and of which kind: the rule the sentence keeps overrides the other. */
function relationOf(stated: StatedExclusion): { declarer: ItemDef; target: ItemDef; kind: 'overrides' | 'excludes' } {
  const [own, other] = [stated.own[0]!, stated.other[0]!];
  if (stated.sentence.direction === 'own-wins') return { declarer: own, target: other, kind: 'overrides' };
  if (stated.sentence.direction === 'named-wins') return { declarer: other, target: own, kind: 'overrides' };
  return { declarer: own, target: other, kind: 'excludes' };
}

/** The period the sentence speaks of, as a relation's scope; undefined for the same claim. */
function scopeOf(sentence: string): 'day' | 'month' | undefined {
  if (/同一日|同日|算定した日|当日/.test(sentence)) return 'day';
  if (/同一月|同月|算定した月|当該月/.test(sentence)) return 'month';
  return undefined;
}

/**
 * The text edit that adds `entry` to the item's `kind` list: into a flow list before its `]`,
 * as a new `- entry` line after a block list's last entry, or as a new key — after the id in
 * a block mapping, before the `}` of a flow mapping.
 */
function relationEdit(item: ItemDef, kind: 'overrides' | 'excludes', entry: string, text: string): { span: Span; text: string } {
  const { doc, pointer } = item.loc;
  const list = item.raw[kind];
  if (Array.isArray(list)) {
    const span = valueSpan(doc, `${pointer}/${kind}`);
    if (text[span.start] === '[') {
      const close = text.lastIndexOf(']', span.end);
      return { span: { start: close, end: close }, text: asArray(list).length > 0 ? `, ${entry}` : entry };
    }
    const last = valueSpan(doc, `${pointer}/${kind}/${list.length - 1}`);
    const lineStart = text.lastIndexOf('\n', last.start) + 1;
    const dash = text.indexOf('-', lineStart);
    return { span: { start: last.end, end: last.end }, text: `\n${' '.repeat(dash - lineStart)}- ${entry}` };
  }
  const whole = valueSpan(doc, pointer);
  if (text[whole.start] === '{') {
    const close = text.lastIndexOf('}', whole.end);
    return { span: { start: close, end: close }, text: `, ${kind}: [${entry}] ` };
  }
  const idKey = keySpan(doc, `${pointer}/id`);
  const lineEnd = text.indexOf('\n', idKey.start);
  const column = idKey.start - (text.lastIndexOf('\n', idKey.start) + 1);
  const at = lineEnd < 0 ? text.length : lineEnd;
  return { span: { start: at, end: at }, text: `\n${' '.repeat(column)}${kind}: [${entry}]` };
}
