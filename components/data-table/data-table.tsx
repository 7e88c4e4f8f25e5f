"use client";
import { FlexRender, rowSelectionFeature, type Cell, tableFeatures, useTable, type ColumnDef, type RowData, type RowSelectionState } from "@tanstack/react-table";
import { ListFilter as ListFilterGlyph, ArrowUpDown as ArrowUpDownGlyph, ArrowUp as ArrowUpGlyph, ArrowDown as ArrowDownGlyph } from "lucide";
import { useQueryStates } from "nuqs";
import { useEffect, useMemo, useRef, useState, useTransition, type ReactNode } from "react";
import { useIconSprite } from "@/components/icon-sprite";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { parseAsFilter, tableParams, unpackRows, type PackedRows, type SortParser, type SortState } from "@/lib/data-table/params";
import { cn } from "@/lib/utils";
import { DataTablePagination } from "./data-table-pagination";
import { DataTableToolbar } from "./data-table-toolbar";
import type { Facet } from "./types";
import "./types";

export const dataTableFeatures = tableFeatures({ rowSelectionFeature });
export type DataTableColumn<TData extends RowData> = ColumnDef<typeof dataTableFeatures, TData, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface DataTableProps<TData extends RowData & { id: string }, C extends string> {
  columns: DataTableColumn<TData>[];
  /** The page's rows as the server packed them (`forClient` in lib/data-table/params.ts). */
  data: PackedRows<TData>;
  rowCount: number;
  pageCount: number;
  sortParser: SortParser<C>;
  facets?: Facet[];
  searchPlaceholder?: string;
  /** Rendered above the table when rows are selected; enables row checkboxes. */
  bulkActions?: (selected: TData[], clearSelection: () => void) => ReactNode;
  toolbarActions?: ReactNode;
  emptyState: ReactNode;
  /** Accessible name of the table, e.g. "Users". */
  label: string;
}

/**
 * The one table of the console. All state lives in the URL (nuqs): page, page size, sort, search and
 * facet filters; the server component above re-queries on every change. Only row selection is local.
 */
export function DataTable<TData extends RowData & { id: string }, C extends string>(props: DataTableProps<TData, C>) {
  const { columns, rowCount, pageCount, sortParser, facets = [], bulkActions } = props;
  const data = useMemo(() => unpackRows(props.data), [props.data]);
  const [isPending, startTransition] = useTransition();
  const parsers = useMemo(
    () => ({ ...tableParams, sort: sortParser, ...Object.fromEntries(facets.map((f) => [f.key, parseAsFilter])) }),
    [sortParser, facets],
  );
  const [state, setState] = useQueryStates(parsers, { shallow: false, startTransition, history: "push" });
  const [rowSelection, setRowSelection] = useState<RowSelectionState>({});
  // The sort arrows and the filters' icon repeat across the header and the toolbar.
  const sprite = useIconSprite({ filter: ListFilterGlyph, sort: ArrowUpDownGlyph, asc: ArrowUpGlyph, desc: ArrowDownGlyph });

  const allColumns = useMemo<DataTableColumn<TData>[]>(() => {
    if (!bulkActions) return columns;
    const select: DataTableColumn<TData> = {
      id: "select",
      header: ({ table }) => (
        <SelectAll
          checked={table.getIsAllPageRowsSelected()}
          mixed={table.getIsSomePageRowsSelected()}
          onChange={(checked) => table.toggleAllPageRowsSelected(checked)}
        />
      ),
      // A native checkbox per row and in the header (Radix's adds a button and a hidden input); styles: app/globals.css.
      cell: ({ row }) => (
        <input type="checkbox" aria-label={`Select row ${row.index + 1}`} checked={row.getIsSelected()} onChange={(e) => row.toggleSelected(e.target.checked)} />
      ),
    };
    return [select, ...columns];
  }, [columns, bulkActions]);

  const table = useTable({
    features: dataTableFeatures,
    columns: allColumns,
    data,
    getRowId: (row) => row.id,
    state: { rowSelection },
    onRowSelectionChange: setRowSelection,
    enableRowSelection: !!bulkActions,
  });

  const selected = data.filter((row) => rowSelection[row.id]);
  // On narrow screens the table scrolls inside its frame; the row's checkbox and its name column stay in view.
  // Styles: app/globals.css, table[data-sticky] (one attribute on the table, not one per cell).
  const sort = state.sort as SortState;
  const update = (patch: Record<string, unknown>, resetPage = true) => {
    setRowSelection({});
    void setState({ ...patch, ...(resetPage ? { page: 1 } : {}) } as never);
  };

  return (
    <div className="flex flex-col gap-3">
      {sprite.defs}
      <DataTableToolbar
        facets={facets}
        values={state as unknown as Record<string, string[]>}
        search={state.q}
        searchPlaceholder={props.searchPlaceholder}
        onSearch={(q) => update({ q: q || null })}
        onFacet={(key, values) => update({ [key]: values.length ? values : null })}
        onReset={() => update({ q: null, ...Object.fromEntries(facets.map((f) => [f.key, null])) })}
        actions={props.toolbarActions}
        isPending={isPending}
        filterIcon={sprite.icon("filter")}
      />
      {bulkActions && selected.length > 0 && (
        <div role="region" aria-label="Bulk actions" className="flex items-center gap-3 rounded-md border bg-muted/40 px-3 py-2 text-sm">
          <span className="font-medium">{selected.length} selected</span>
          {bulkActions(selected, () => setRowSelection({}))}
        </div>
      )}
      <div className={cn("overflow-hidden rounded-md border transition-opacity", isPending && "opacity-60")} aria-busy={isPending}>
        <Table aria-label={props.label} data-sticky={bulkActions ? "select" : "name"}>
          <TableHeader className="bg-muted/40">
            {table.getHeaderGroups().map((group) => (
              <TableRow key={group.id} className="hover:bg-transparent">
                {group.headers.map((header) => {
                  const meta = header.column.columnDef.meta;
                  const sortKey = meta?.sortKey;
                  const active = sortKey && sort.id === sortKey;
                  return (
                    <TableHead
                      key={header.id}
                      className={cn(meta?.className, meta?.headClassName) || undefined}
                      aria-sort={active ? (sort.desc ? "descending" : "ascending") : sortKey ? "none" : undefined}
                    >
                      {sortKey ? (
                        <button
                          type="button"
                          data-slot="sort"
                          onClick={() => update({ sort: active ? (sort.desc ? { id: sortKey, desc: false } : null) : { id: sortKey, desc: true } })}
                        >
                          {header.isPlaceholder ? null : <FlexRender header={header} />}
                          {active ? sprite.icon(sort.desc ? "desc" : "asc", "size-3.5") : sprite.icon("sort", "size-3.5 opacity-40")}
                          <span className="sr-only">{active ? (sort.desc ? "sorted descending" : "sorted ascending") : "sort"}</span>
                        </button>
                      ) : header.isPlaceholder ? null : (
                        <FlexRender header={header} />
                      )}
                    </TableHead>
                  );
                })}
              </TableRow>
            ))}
          </TableHeader>
          <TableBody>
            {table.getRowModel().rows.length ? (
              table.getRowModel().rows.map((row) => (
                <tr key={row.id} data-state={row.getIsSelected() ? "selected" : undefined}>
                  {row.getAllCells().map((cell) => (
                    <td key={cell.id} className={cell.column.columnDef.meta?.className}>
                      {renderCell(cell)}
                    </td>
                  ))}
                </tr>
              ))
            ) : (
              <TableRow className="hover:bg-transparent">
                <TableCell colSpan={allColumns.length} className="h-48 text-center whitespace-normal">
                  {props.emptyState}
                </TableCell>
              </TableRow>
            )}
          </TableBody>
        </Table>
      </div>
      <DataTablePagination
        page={state.page}
        perPage={state.perPage}
        pageCount={pageCount}
        rowCount={rowCount}
        onPage={(page) => update({ page }, false)}
        onPerPage={(perPage) => update({ perPage })}
      />
    </div>
  );
}

/** The header's "select all on this page": a native checkbox, "mixed" (indeterminate) when some rows are selected. */
function SelectAll({ checked, mixed, onChange }: { checked: boolean; mixed: boolean; onChange: (checked: boolean) => void }) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = mixed && !checked;
  }, [mixed, checked]);
  return <input ref={ref} type="checkbox" aria-label="Select all rows on this page" checked={checked} onChange={(e) => onChange(e.target.checked)} />;
}

/**
 * A body cell: its column's `cell` called as a plain function (no component boundary per cell: a page of 50 rows
 * has hundreds; ~5 % more pages / s on the table pages, bench/README.md session 13). A column's `cell` therefore
 * uses no hooks (eslint's rules-of-hooks says so); a cell that needs state renders a component.
 */
function renderCell<TData extends RowData>(cell: Cell<typeof dataTableFeatures, TData, unknown>) {
  const render = cell.column.columnDef.cell;
  return typeof render === "function" ? (render as (context: unknown) => ReactNode)(cell.getContext()) : (render ?? null);
}
