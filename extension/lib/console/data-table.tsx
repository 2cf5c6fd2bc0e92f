import type { ComponentChildren } from 'preact';

/**
 * A console table's header row: one column header per name, and, with `actions`, a last column
 * for each row's buttons, named for screen readers only.
 */
export function TableHead({ columns, actions = false }: { columns: readonly string[]; actions?: boolean }) {
  return (
    <thead>
      <tr>
        {columns.map((column) => (
          <th key={column} scope="col">
            {column}
          </th>
        ))}
        {actions && (
          <th scope="col">
            <span class="visually-hidden">Actions</span>
          </th>
        )}
      </tr>
    </thead>
  );
}

/** A console table named `label`, scrolling sideways on a narrow screen; `children` are its rows. */
export function DataTable({
  label,
  columns,
  actions = false,
  children,
}: {
  label: string;
  columns: readonly string[];
  actions?: boolean;
  children: ComponentChildren;
}) {
  return (
    <div class="table-wrap">
      <table class="data" aria-label={label}>
        <TableHead columns={columns} actions={actions} />
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
