// amount-unit: every claimable thing (an item without variants, or each variant) carries
// exactly one amount, in the field that fits the file's scheme: points (点) for medical,
// units (単位) for care, yen (円) for nursing.
import { inFocus } from '../focus';
import { column, lineEnd } from '../lines';
import { findingAt } from '../report';
import { AMOUNT_FIELD, type Finding } from '../types';
import { locAt, type ItemDef } from '../../model/workspace';
import type { Check } from './check';

const FIELDS = ['points', 'units', 'yen'] as const;

/** What a finding's fix writes: the amount field to add (under the id), or the one to use instead. */
export type AmountUnitData = { add: string } | { expected: string };

export const amountUnit: Check = {
  code: 'amount-unit',
  fixes({ span, data, text }) {
    const fix = data as Partial<{ add: string; expected: string }> | undefined;
    if (typeof fix?.add === 'string') {
      // A new line under the item's `id`, at the same indentation.
      const at = lineEnd(text, span.start);
      return [
        {
          title: { id: 'fix.add-amount', args: { field: fix.add } },
          edits: [{ span: { start: at, end: at }, text: `\n${' '.repeat(column(text, span.start))}${fix.add}: 0` }],
        },
      ];
    }
    if (typeof fix?.expected === 'string')
      return [{ title: { id: 'fix.amount-field', args: { field: fix.expected } }, edits: [{ span, text: fix.expected }] }];
    return [];
  },
  run(ws, focus) {
    const findings: Finding[] = [];
    for (const tariff of ws.tariffs) {
      if (!tariff.scheme || !inFocus(focus, tariff.file)) continue;
      const expected = AMOUNT_FIELD[tariff.scheme];
      for (const item of tariff.items) {
        // An abolished id is a marker that the id ends, not something claimed.
        if (item.abolished) continue;
        if (item.variants.length > 0 || 'variants' in item.raw) {
          for (const field of present(item)) {
            findings.push(
              findingAt('amount-unit', locAt(item.loc, field), 'key', {
                id: 'amount-unit.on-item-with-variants',
                args: { id: item.id, field },
              }),
            );
          }
          for (const variant of item.variants) findings.push(...checkOne(variant, expected, tariff.scheme));
        } else {
          findings.push(...checkOne(item, expected, tariff.scheme));
        }
      }
    }
    return findings;
  },
};

function present(item: ItemDef): (typeof FIELDS)[number][] {
  return FIELDS.filter((field) => field in item.raw);
}

function checkOne(item: ItemDef, expected: (typeof FIELDS)[number], scheme: string): Finding[] {
  const fields = present(item);
  if (fields.length === 0) {
    return [
      findingAt(
        'amount-unit',
        locAt(item.loc, 'id'),
        'key',
        { id: 'amount-unit.missing', args: { id: item.id, field: expected, scheme } },
        { data: { add: expected } satisfies AmountUnitData },
      ),
    ];
  }
  const findings: Finding[] = [];
  for (const field of fields) {
    if (field !== expected) {
      findings.push(
        findingAt(
          'amount-unit',
          locAt(item.loc, field),
          'key',
          { id: 'amount-unit.wrong-field', args: { field, scheme, expected } },
          { data: { expected } satisfies AmountUnitData },
        ),
      );
    }
  }
  if (fields.length > 1) {
    findings.push(
      findingAt('amount-unit', locAt(item.loc, fields[1]!), 'key', {
        id: 'amount-unit.several',
        args: { id: item.id, fields: fields.join(', ') },
      }),
    );
  }
  return findings;
}
