import type { CellData, RowData, TableFeatures } from "@tanstack/react-table";

declare module "@tanstack/react-table" {
  // Column metadata that drives the header (label, sorting) and cell layout. The generics must match
  // the library's declaration even though they are unused here.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface ColumnMeta<TFeatures extends TableFeatures, TData extends RowData, TValue extends CellData = CellData> {
    label?: string;
    /** The URL sort key for this column, if the server can sort by it. */
    sortKey?: string;
    className?: string;
    /** On the header cell only (a column's width: the body's cells follow it). */
    headClassName?: string;
  }
}

export interface FacetOption {
  value: string;
  label: string;
  count?: number;
}

export interface Facet {
  /** The URL key, e.g. "status". */
  key: string;
  label: string;
  options: FacetOption[];
}
