// Seeds an organisation's staff directory straight into D1 for benchmarks (the API would take
// minutes at these sizes): systems, one job role, people (every 50th a leaver) and accounts with a
// mix of generic, unowned and over-privileged logins, so the rules have something to find.
/** Seeds one organisation's directory straight into D1 (the API would take minutes at this size). */
export function seedDirectorySql(orgId, { accounts, people, systems = 5, prefix = orgId }) {
  const now = Date.now();
  const day = 86_400_000;
  return `
    INSERT INTO systems (id, org_id, name, permissions, version, updated_at)
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${systems})
    SELECT '${prefix}-sys-' || i, '${orgId}', 'System ' || i,
      '[{"name":"payments.add"},{"name":"transactions.search"},{"name":"refunds.process","privileged":true},{"name":"users.manage","privileged":true}]',
      i, ${now} FROM n;
    INSERT INTO job_roles (id, org_id, name, permissions, version, updated_at)
    VALUES ('${prefix}-role', '${orgId}', 'Clerk',
      json_object(${Array.from({ length: systems }, (_, i) => `'${prefix}-sys-${i + 1}', json('["payments.add","transactions.search"]')`).join(', ')}), 1, ${now});
    INSERT INTO people (id, org_id, name, email, job_role_id, end_date, status, version, updated_at)
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${people})
    SELECT '${prefix}-p-' || i, '${orgId}', 'Person ' || i, 'person' || i || '@${prefix}.example', '${prefix}-role',
      CASE WHEN i % 50 = 0 THEN '2026-01-01' END, CASE WHEN i % 50 = 0 THEN 'leaver' ELSE 'active' END, i, ${now} FROM n;
    INSERT INTO accounts (id, org_id, system_id, username, display_name, status, permissions, owner_person_id,
      user_person_ids, last_sign_in_at, system_created_at, version, updated_at)
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${accounts})
    SELECT '${prefix}-a-' || i, '${orgId}', '${prefix}-sys-' || (1 + i % ${systems}),
      CASE WHEN i % 97 = 0 THEN 'frontdesk' || i ELSE 'user' || i END,
      CASE WHEN i % 97 = 0 THEN 'Front Desk' ELSE 'Person ' || (1 + i % ${people}) END,
      'active',
      CASE WHEN i % 31 = 0 THEN '["payments.add","refunds.process"]' ELSE '["payments.add"]' END,
      CASE WHEN i % 41 = 0 THEN NULL ELSE '${prefix}-p-' || (1 + i % ${people}) END,
      '[]', ${now} - (i % 90) * ${day}, ${now} - 200 * ${day}, ${people} + i, ${now} FROM n;
  `;
}
