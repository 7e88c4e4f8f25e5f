"use client";
import { flushSync } from "react-dom";
import { cloneElement, useEffect, useLayoutEffect, useRef, useState, type HTMLAttributes, type MouseEvent, type PointerEvent, type ReactElement, type ReactNode } from "react";

/*
 * Radix overlays (menus, popovers, selects, tooltips, dialogs) cost about a millisecond each on every server
 * render of a page, open or closed: their roots, contexts and triggers run for every row and every toolbar
 * button (bench/README.md, scenario 8). Two ways to render them only when they are used:
 */

/** An element that renders a focusable trigger and passes its props on (a button, a `Button`). */
export type Trigger = ReactElement<HTMLAttributes<HTMLElement>>;

/**
 * A trigger whose overlay is mounted on first use. Until the pointer reaches it or it takes focus, `trigger`
 * is rendered as it is (same element, same look); then `children(trigger)` renders the real component around
 * it. Focus moves to the real trigger when the stand-in had it (keyboard users press Enter as usual). A press
 * that reaches the stand-in itself (a touch, or a mouse that was already resting on it when the page came) is
 * replayed on the real trigger once it is there (a click, or a pointerdown for what opens on a press), so it
 * opens as if it had been there all along. The trigger must pass a `ref` to its element (a DOM element, or a
 * component that spreads its props onto one): Deferred adds no wrapper element of its own (on a table's every
 * row, one would be hundreds of elements).
 */
export function Deferred({ trigger, popup, opensOn = "click", children }: {
  trigger: Trigger;
  /** The stand-in announces the popup the real trigger will (aria-haspopup, closed); none for a tooltip. */
  popup?: "menu" | "dialog" | "listbox";
  /** What opens the real one: a press (Radix menus and selects, on pointerdown) or a click (dialogs, popovers). */
  opensOn?: "press" | "click";
  children: (trigger: Trigger) => ReactNode;
}) {
  const [armed, setArmed] = useState<{ how: "hover" | "focus" | "press"; at?: { clientX: number; clientY: number; pointerType: string } } | null>(null);
  const ref = useRef<HTMLElement>(null);
  const pressing = useRef(false);
  // Focus moves to the real trigger in the same commit as the swap, so it is never left on the page's body
  // between two key presses.
  useLayoutEffect(() => {
    if (armed?.how === "focus") ref.current?.focus();
  }, [armed]);
  // What reached the stand-in, replayed on the real trigger after the event that carried it has finished (so
  // nothing of it reaches the overlay): a press, or the hover's pointer (a tooltip opens on a pointer move).
  useEffect(() => {
    if (!armed?.at) return;
    const t = setTimeout(() => {
      const real = ref.current;
      if (!real) return;
      const init = { bubbles: true, cancelable: true, button: 0, isPrimary: true, ...armed.at };
      if (armed.how === "hover") real.dispatchEvent(new PointerEvent("pointermove", init));
      else if (opensOn === "click") real.click();
      else real.dispatchEvent(new PointerEvent("pointerdown", init));
    });
    return () => clearTimeout(t);
  }, [armed, opensOn]);
  // A hover swaps in the real trigger on the next frame (long before a hand can press); a focus swaps it at
  // once (flushSync, and focus moves over in the same commit). A press on the stand-in cancels a pending
  // hover swap: when the press itself brings the pointer (a mouse resting there when the page came), the
  // browser sends its release and click to the element under it, which must still be the stand-in. The
  // stand-in's click (mouse, touch, Enter) is then replayed on the real trigger; a menu or select, which opens
  // on the press itself, is swapped and replayed at the press.
  const at = (e: PointerEvent<HTMLElement> | MouseEvent<HTMLElement>) => ({ clientX: e.clientX, clientY: e.clientY, pointerType: "pointerType" in e ? e.pointerType : "mouse" });
  const frame = useRef(0);
  useEffect(() => () => cancelAnimationFrame(frame.current), []);
  const hover = (e: PointerEvent<HTMLElement>) => {
    const where = at(e);
    frame.current = requestAnimationFrame(() => flushSync(() => setArmed((was) => was ?? { how: "hover", at: where })));
  };
  const arm = (next: NonNullable<typeof armed>) => flushSync(() => setArmed(next));
  // The same ref on the stand-in and on the real trigger (a Radix trigger's `asChild` keeps the child's ref).
  const withRef = cloneElement(trigger, { ref } as HTMLAttributes<HTMLElement>);
  return armed
    ? children(withRef)
    : cloneElement(withRef, {
        onPointerEnter: (e: PointerEvent<HTMLElement>) => e.pointerType === "mouse" && hover(e),
        onPointerDown: (e: PointerEvent<HTMLElement>) => {
          pressing.current = true;
          cancelAnimationFrame(frame.current);
          if (opensOn === "press") arm({ how: "press", at: at(e) });
        },
        onFocus: () => !pressing.current && arm({ how: "focus" }),
        onClick: (e: MouseEvent<HTMLElement>) => arm({ how: "press", at: at(e) }),
        ...(popup ? { "aria-haspopup": popup, "aria-expanded": false } : {}),
      });
}

/**
 * For overlays opened by state (a confirmation, a detail sheet, a help dialog): false until the first
 * opening, then true, so the overlay is not rendered before it is needed and still animates its closing.
 */
export function useOpenedOnce(open: boolean) {
  const [opened, setOpened] = useState(open);
  if (open && !opened) setOpened(true);
  return opened || open;
}
