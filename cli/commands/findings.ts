import { contract } from '../../shared/contract';
import { formatCsv } from '../../shared/csv';
import { RULE_IDS } from '../../shared/rules/registry';
import { SEVERITIES } from '../../shared/schemas/findings';
import { choice, defineCommand } from '../command';
import { EXIT } from '../exit-codes';
import { emit, formatTable } from '../output';
import { allSystems, systemNamed } from '../systems';

const FORMATS = ['table', 'csv', 'json'] as const;

/** `rollcall findings`: the firm's open findings, worst first, as a table, CSV or JSON. */
export const findings = defineCommand({
  name: ['findings'],
  usage: '[--severity LEVEL] [--system NAME] [--rule RULE] [--format table|csv|json]',
  summary: 'List the open findings, worst first',
  details: `Findings a member dismissed are left out. Severity is one of ${SEVERITIES.join(', ')}.`,
  options: {
    severity: { type: 'string' },
    system: { type: 'string' },
    rule: { type: 'string' },
    format: { type: 'string' },
    output: { type: 'string', short: 'o' },
    'fail-on-findings': { type: 'boolean' },
  },
  optionHelp: {
    severity: `only findings of this severity (${SEVERITIES.join(', ')})`,
    system: 'only findings about this system (its name as in Rollcall)',
    rule: 'only findings of this rule, e.g. leaver-still-active',
    format: 'table (the default), csv or json',
    output: 'write to this file instead of the screen',
    'fail-on-findings': 'exit 1 when any finding is listed',
  },
  async run({ values }, context) {
    const format = choice('format', values.format, FORMATS) ?? 'table';
    const severity = choice('severity', values.severity, SEVERITIES);
    const rule = choice('rule', values.rule, RULE_IDS);
    const api = await context.api();
    const firmSystems = await allSystems(api);
    const systems = new Map(firmSystems.map((system) => [system.id, system.name]));
    const system = values.system === undefined ? undefined : systemNamed(firmSystems, values.system);
    const answer = await api.call(contract.findings.list, {
      query: { severity, rule, system: system?.id },
    });
    const rows = answer.findings.map((finding) => ({
      finding,
      system: finding.systemId ? (systems.get(finding.systemId) ?? '') : '',
    }));
    let text: string;
    if (format === 'json') text = `${JSON.stringify(answer.findings, null, 2)}\n`;
    else if (format === 'csv')
      text = formatCsv(
        ['severity', 'rule', 'title', 'system', 'subject', 'evidence', 'fix', 'id'],
        rows.map(({ finding, system }) => [
          finding.severity,
          finding.ruleId,
          finding.title,
          system,
          finding.subject.label,
          finding.evidence,
          finding.tip.fix,
          finding.id,
        ]),
      );
    else
      text =
        rows.length === 0
          ? 'No open findings.\n'
          : formatTable(
              ['SEVERITY', 'RULE', 'SYSTEM', 'FINDING'],
              rows.map(({ finding, system }) => [finding.severity, finding.ruleId, system, finding.title]),
            );
    await emit(context, text, values.output);
    if (format === 'table' && answer.dismissed > 0)
      context.note(`${answer.dismissed} dismissed finding${answer.dismissed === 1 ? '' : 's'} not shown.`);
    return values['fail-on-findings'] && answer.findings.length > 0 ? EXIT.found : EXIT.ok;
  },
});
