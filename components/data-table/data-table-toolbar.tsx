"use client";
import { useFormat } from "@/components/locale-provider";
import { Search } from "lucide";
import { CheckIcon, LoaderCircleIcon, XIcon } from "lucide-react";
import { useEffect, useState, type ReactNode } from "react";
import { Deferred } from "@/components/deferred";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Popover, PopoverContent, PopoverTrigger } from "@/components/ui/popover";
import { Separator } from "@/components/ui/separator";
import { cn } from "@/lib/utils";
import type { Facet } from "./types";
import { Glyph } from "@/components/ui/glyph";

export function DataTableToolbar(props: {
  facets: Facet[];
  values: Record<string, string[]>;
  search: string;
  searchPlaceholder?: string;
  onSearch: (q: string) => void;
  onFacet: (key: string, values: string[]) => void;
  onReset: () => void;
  actions?: ReactNode;
  isPending: boolean;
  /** The facet buttons' icon (drawn once by the table: components/icon-sprite.tsx). */
  filterIcon: ReactNode;
}) {
  const [draft, setDraft] = useState(props.search);
  const { search, onSearch } = props;
  useEffect(() => setDraft(search), [search]);
  useEffect(() => {
    if (draft === search) return;
    const t = setTimeout(() => onSearch(draft.trim()), 300);
    return () => clearTimeout(t);
  }, [draft, search, onSearch]);
  const filtered = !!props.search || props.facets.some((f) => props.values[f.key]?.length);

  return (
    <div className="flex flex-wrap items-center justify-between gap-2">
      <div className="flex flex-1 flex-wrap items-center gap-2">
        <div className="relative w-full sm:w-64">
          <Glyph icon={Search} className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground" />
          <Input
            type="search"
            aria-label={props.searchPlaceholder ?? "Search"}
            placeholder={props.searchPlaceholder ?? "Search…"}
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={(e) => e.key === "Enter" && onSearch(draft.trim())}
            className="h-8 pl-8"
          />
        </div>
        {props.facets.map((facet) => (
          <FacetFilter key={facet.key} icon={props.filterIcon} facet={facet} selected={props.values[facet.key] ?? []} onChange={(v) => props.onFacet(facet.key, v)} />
        ))}
        {filtered && (
          <Button variant="ghost" size="sm" onClick={props.onReset}>
            Reset
            <XIcon />
          </Button>
        )}
        {props.isPending && <LoaderCircleIcon className="size-4 animate-spin text-muted-foreground" aria-label="Loading" />}
      </div>
      {props.actions && <div className="flex items-center gap-2">{props.actions}</div>}
    </div>
  );
}

function FacetFilter({ icon, facet, selected, onChange }: { icon: ReactNode; facet: Facet; selected: string[]; onChange: (values: string[]) => void }) {
  const { number } = useFormat();
  const set = new Set(selected);
  const toggle = (value: string) => {
    if (set.has(value)) set.delete(value);
    else set.add(value);
    onChange(facet.options.map((o) => o.value).filter((v) => set.has(v)));
  };
  const trigger = (
    <Button variant="outline" size="sm" className="h-8 border-dashed">
      {icon}
      {facet.label}
      {selected.length > 0 && (
        <>
          <Separator orientation="vertical" className="mx-0.5 h-4" />
          <Badge variant="secondary" className="rounded-sm px-1 font-normal">
            {selected.length > 2 ? `${selected.length} selected` : facet.options.filter((o) => set.has(o.value)).map((o) => o.label).join(", ")}
          </Badge>
        </>
      )}
    </Button>
  );
  return (
    <Deferred popup="dialog" trigger={trigger}>
      {(trigger) => (
        <Popover>
          <PopoverTrigger asChild>{trigger}</PopoverTrigger>
          <PopoverContent className="w-56 p-1" align="start">
            <div role="group" aria-label={`Filter by ${facet.label}`}>
              {facet.options.map((option) => {
                const checked = set.has(option.value);
                return (
                  <button
                    key={option.value}
                    type="button"
                    role="menuitemcheckbox"
                    aria-checked={checked}
                    onClick={() => toggle(option.value)}
                    className="flex w-full items-center gap-2 rounded-sm px-2 py-1.5 text-sm outline-none hover:bg-accent focus-visible:bg-accent"
                  >
                    <span className={cn("flex size-4 items-center justify-center rounded-[4px] border", checked ? "border-primary bg-primary text-primary-foreground" : "border-input")}>
                      {checked && <CheckIcon className="size-3" />}
                    </span>
                    <span className="flex-1 text-left">{option.label}</span>
                    {option.count !== undefined && <span className="font-mono text-xs text-muted-foreground">{number(option.count)}</span>}
                  </button>
                );
              })}
              {selected.length > 0 && (
                <>
                  <Separator className="my-1" />
                  <button type="button" onClick={() => onChange([])} className="w-full rounded-sm px-2 py-1.5 text-center text-sm hover:bg-accent">
                    Clear filter
                  </button>
                </>
              )}
            </div>
          </PopoverContent>
        </Popover>
      )}
    </Deferred>
  );
}
