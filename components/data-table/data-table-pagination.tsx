"use client";
import { ChevronLeft, ChevronRight, ChevronsLeft, ChevronsRight } from "lucide";
import { useFormat } from "@/components/locale-provider";
import { Button } from "@/components/ui/button";
import { Glyph } from "@/components/ui/glyph";
import { DeferredSelect } from "@/components/deferred-select";
import { PAGE_SIZES, pageWindow } from "@/lib/data-table/params";

const PAGE_SIZE_OPTIONS = PAGE_SIZES.map((size) => ({ value: String(size), label: String(size) }));

export function DataTablePagination(props: {
  page: number;
  perPage: number;
  pageCount: number;
  rowCount: number;
  onPage: (page: number) => void;
  onPerPage: (perPage: number) => void;
}) {
  const { pageCount, rowCount } = props;
  const f = useFormat();
  // The window the server read (pageWindow clamps the page and the page size the same way), so a hand-edited
  // URL (?page=-5, ?perPage=999999, a page past the end) is shown as what it shows.
  const { skip, take } = pageWindow(props.page, props.perPage);
  const page = skip / take + 1;
  const first = skip + 1;
  const last = Math.min(rowCount, skip + take);
  return (
    <nav aria-label="Pagination" className="flex flex-wrap items-center justify-between gap-3 px-1 text-sm">
      <p className="text-muted-foreground" aria-live="polite">
        {rowCount === 0 ? "No rows" : first > rowCount ? `Past the last page: ${f.number(rowCount)} in all` : `${f.number(first)}–${f.number(last)} of ${f.number(rowCount)}`}
      </p>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <div className="flex items-center gap-2">
          <span className="whitespace-nowrap text-muted-foreground" id="rows-per-page">
            Rows per page
          </span>
          <DeferredSelect
            aria-labelledby="rows-per-page"
            className="w-[72px]"
            value={String(take)}
            options={PAGE_SIZE_OPTIONS}
            onValueChange={(v) => props.onPerPage(Number(v))}
          />
        </div>
        <span className="whitespace-nowrap font-medium">
          Page {f.number(page)} of {f.number(pageCount)}
        </span>
        <div className="flex items-center gap-1">
          <Button variant="outline" size="icon-sm" aria-label="First page" disabled={page <= 1} onClick={() => props.onPage(1)}>
            <Glyph icon={ChevronsLeft} />
          </Button>
          <Button variant="outline" size="icon-sm" aria-label="Previous page" disabled={page <= 1} onClick={() => props.onPage(Math.min(page - 1, pageCount))}>
            <Glyph icon={ChevronLeft} />
          </Button>
          <Button variant="outline" size="icon-sm" aria-label="Next page" disabled={page >= pageCount} onClick={() => props.onPage(page + 1)}>
            <Glyph icon={ChevronRight} />
          </Button>
          <Button variant="outline" size="icon-sm" aria-label="Last page" disabled={page === pageCount} onClick={() => props.onPage(pageCount)}>
            <Glyph icon={ChevronsRight} />
          </Button>
        </div>
      </div>
    </nav>
  );
}
