#!/usr/bin/python3
# test-atspi.py: the window as a screen reader sees it, through AT-SPI
#
# Copyright 2026 The Waferline Authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Starts the built application with the accessibility bridge on, and
# walks it by keyboard as Orca's user would, keys sent with xdotool, what
# they do read back through pyatspi (Debian's python3-pyatspi): the
# window by Tab, the week-window slider, both charts, the inspector's list
# and fields, and the export dialog.  Run by test-atspi.sh, which gives it
# a display (when it has none) and a private session bus, where the
# accessibility bus is started on demand.
#
# It fails on
#   - an interactive object (focusable, or a control) without a name;
#   - a name with a mnemonic underscore ("_Open") or a widget's type name
#     ("GtkToggleButton"), on any object a screen reader presents (all
#     but the layout containers, "filler" and "panel");
#   - a key that moves the focus without a focus event, or a focus event
#     whose object does not report itself focused;
#   - a slider without a value (the Value interface, changing with the
#     arrow keys) or unrelated to the text that says what it chose;
#   - a chart without walkable children (named items that the arrow keys
#     move the focus through), or one that takes more than one Tab to
#     enter and leave;
#   - a status change (the bottleneck line) that is not announced.
# Every problem found is printed; the exit status is 1 if there was one.

import os
import re
import subprocess
import sys
import time

try:
    import gi
    gi.require_version('Atspi', '2.0')
    from gi.repository import GLib
    import pyatspi
except (ImportError, ValueError) as e:
    print(f"SKIP: pyatspi is not installed for {sys.executable}: {e}")
    sys.exit(77)

def _time_scale():
    try:
        scale = float(os.environ.get("WFL_TEST_TIME_SCALE", "1"))
    except ValueError:
        return 1.0
    return scale if 1 <= scale <= 100 else 1.0


TIME_SCALE = _time_scale()  # WFL_TEST_TIME_SCALE, set by ./run.sh test --sanitize
EVENT_DEADLINE = 20.0 * TIME_SCALE     # seconds to wait for an event a key must cause (generous: loaded CI)
SETTLE = 0.6 * TIME_SCALE  # quiet time that ends a key's burst of events

TYPE_NAME = re.compile(r'\b(?:Gtk|Adw|Wfl|Gdk)[A-Z][A-Za-z]+\b')
MNEMONIC = re.compile(r'(?:^|[\s(“"])_[^\W\d_]')
# Roles a screen reader skips: layout containers.
CONTAINER_ROLES = {pyatspi.ROLE_FILLER, pyatspi.ROLE_PANEL, pyatspi.ROLE_UNKNOWN,
                   pyatspi.ROLE_REDUNDANT_OBJECT}
CONTROL_ROLES = {
    pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_TOGGLE_BUTTON, pyatspi.ROLE_CHECK_BOX,
    pyatspi.ROLE_RADIO_BUTTON, pyatspi.ROLE_COMBO_BOX, pyatspi.ROLE_SLIDER,
    pyatspi.ROLE_SPIN_BUTTON, pyatspi.ROLE_TEXT, pyatspi.ROLE_ENTRY,
    pyatspi.ROLE_PAGE_TAB, pyatspi.ROLE_MENU_ITEM, pyatspi.ROLE_CHECK_MENU_ITEM,
    pyatspi.ROLE_RADIO_MENU_ITEM, pyatspi.ROLE_LINK, pyatspi.ROLE_SCROLL_BAR,
    pyatspi.ROLE_LIST_ITEM, pyatspi.ROLE_TABLE_CELL, pyatspi.ROLE_LIST,
}
ANNOUNCE_ROLES = {pyatspi.ROLE_NOTIFICATION, pyatspi.ROLE_ALERT}

problems = {}


def problem(text):
    """Records a problem; the same one again only counts."""
    if text not in problems:
        print(f"PROBLEM: {text}", flush=True)
    problems[text] = problems.get(text, 0) + 1


def note(text):
    print(f"# {text}", flush=True)


# Reading the tree --------------------------------------------------------

def safe(fn, default=None):
    try:
        return fn()
    except Exception:
        return default


def states(acc):
    return safe(lambda: acc.getState(), None)


def has_state(acc, state):
    s = states(acc)
    return s is not None and s.contains(state)


def role(acc):
    return safe(lambda: acc.getRole(), pyatspi.ROLE_INVALID)


def name(acc):
    return safe(lambda: acc.name, "") or ""


def describe(acc):
    return f"{safe(lambda: acc.getRoleName(), '?')} “{name(acc)}”"


def children(acc):
    n = safe(lambda: acc.childCount, 0) or 0
    out = []
    for i in range(n):
        c = safe(lambda: acc.getChildAtIndex(i))
        if c is not None:
            out.append(c)
    return out


def walk(acc, depth=0):
    """The object and those below it that are visible."""
    if depth > 60 or not has_state(acc, pyatspi.STATE_VISIBLE):
        return
    yield acc
    for c in children(acc):
        yield from walk(c, depth + 1)


def is_interactive(acc):
    if has_state(acc, pyatspi.STATE_FOCUSABLE):
        return True
    r = role(acc)
    if r == pyatspi.ROLE_LIST_ITEM:
        return has_state(acc, pyatspi.STATE_SELECTABLE) or has_state(acc, pyatspi.STATE_FOCUSABLE)
    return r in CONTROL_ROLES and r not in (pyatspi.ROLE_LIST_ITEM, pyatspi.ROLE_LIST)


def is_ancestor(ancestor, acc):
    a = acc
    for _ in range(80):
        if a is None:
            return False
        if a == ancestor:
            return True
        a = safe(lambda: a.parent)
    return False


def check_name(acc, where):
    """The name a screen reader speaks for acc."""
    n = name(acc)
    r = role(acc)
    if is_interactive(acc) and not n.strip():
        problem(f"{where}: an interactive {safe(lambda: acc.getRoleName(), '?')} has no name "
                f"(parent {describe(safe(lambda: acc.parent))})")
    if MNEMONIC.search(n):
        problem(f"{where}: a mnemonic underscore in the name of {describe(acc)}")
    if (r not in CONTAINER_ROLES or is_interactive(acc)) and TYPE_NAME.search(n):
        parents, a = [], safe(lambda: acc.parent)
        while a is not None and len(parents) < 3:
            parents.append(describe(a))
            a = safe(lambda: a.parent)
        problem(f"{where}: a widget type name as the name of {describe(acc)} (in {' in '.join(parents)})")


def check_tree(root, where):
    """Checks the names of everything visible below root; returns how
    many objects it checked."""
    n = 0
    for acc in walk(root):
        n += 1
        check_name(acc, where)
    return n


# The application ------------------------------------------------------------

class App:
    def __init__(self, exe, args):
        env = dict(os.environ)
        for k in ('NO_AT_BRIDGE', 'GTK_A11Y'):
            env.pop(k, None)
        env.setdefault('GSETTINGS_BACKEND', 'memory')
        env['GSK_RENDERER'] = 'cairo'
        env['GDK_BACKEND'] = 'x11'
        env['GDK_DEBUG'] = 'gl-disable'
        self.events = []
        self.ctx = GLib.MainContext.default()
        pyatspi.Registry.registerEventListener(
            self._event, 'object:state-changed:focused', 'focus:',
            'object:property-change:accessible-value', 'object:state-changed:showing',
            'object:children-changed:add', 'object:property-change:accessible-description')
        self.proc = subprocess.Popen([exe] + args, env=env)
        self.app = self._wait_for(self._find_app, 60, "the application on the accessibility bus")
        self.frame = self._wait_for(self._find_frame, 30, "the window")
        xid = None
        for _ in range(100):
            out = subprocess.run(['xdotool', 'search', '--onlyvisible', '--pid', str(self.proc.pid)],
                                 capture_output=True, text=True).stdout.split()
            if out:
                xid = out[-1]
                break
            self.pump(0.1)
        if xid is None:
            raise SystemExit("the window never showed on the display")
        subprocess.run(['xdotool', 'windowfocus', '--sync', xid], check=False)
        self.xid = xid

    def _event(self, e):
        self.events.append(e)

    def pump(self, seconds):
        end = time.monotonic() + seconds
        while True:
            while self.ctx.iteration(False):
                pass
            if time.monotonic() >= end:
                return
            time.sleep(0.01)

    def _wait_for(self, fn, seconds, what):
        # WFL_TEST_TIME_SCALE: the sanitizer build starts several times slower.
        seconds *= TIME_SCALE
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            if self.proc.poll() is not None:
                raise SystemExit(f"the application exited ({self.proc.returncode}) before {what} appeared")
            r = safe(fn)
            if r:
                return r
            self.pump(0.1)
        raise SystemExit(f"{what} did not appear within {seconds} s")

    def wait_for(self, fn, seconds=EVENT_DEADLINE):
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            r = safe(fn)
            if r:
                return r
            self.pump(0.05)
        return safe(fn)

    def _find_app(self):
        desktop = pyatspi.Registry.getDesktop(0)
        for a in children(desktop):
            if safe(lambda: a.get_process_id()) == self.proc.pid:
                return a
        return None

    def _find_frame(self):
        for c in children(self.app):
            if role(c) == pyatspi.ROLE_FRAME and 'Waferline' in name(c):
                return c
        return None

    def windows(self):
        return [c for c in children(self.app) if has_state(c, pyatspi.STATE_VISIBLE)]

    def find(self, pred, root=None):
        roots = [root] if root is not None else self.windows()
        for r in roots:
            for acc in walk(r):
                if safe(lambda: pred(acc)):
                    return acc
        return None

    def key(self, keys):
        """Sends keys; returns the objects that got the focus, in order."""
        self.pump(0.05)
        self.events.clear()
        subprocess.run(['xdotool', 'key', keys], check=False)
        return self.collect()

    def collect(self, deadline=EVENT_DEADLINE, want_focus=True):
        """Pumps events until a focus event came and a quiet moment
        followed, or the deadline passed; returns the focus events'
        objects (the ones that gained the focus)."""
        end = time.monotonic() + deadline
        last_count = -1
        quiet_since = time.monotonic()
        while time.monotonic() < end:
            self.pump(0.03)
            if len(self.events) != last_count:
                last_count = len(self.events)
                quiet_since = time.monotonic()
            got = self.focus_events()
            if (got or not want_focus) and time.monotonic() - quiet_since > SETTLE:
                break
        return self.focus_events()

    def focus_events(self):
        out = []
        for e in self.events:
            if e.type == 'object:state-changed:focused' and e.detail1 == 1:
                out.append(e.source)
        return out

    def announcements(self):
        """What was announced: alerts or notifications that appeared
        (added to the tree, or shown), by name."""
        out = []
        for e in self.events:
            if e.type == 'object:state-changed:showing' and e.detail1 == 1 and role(e.source) in ANNOUNCE_ROLES:
                out.append(name(e.source))
            elif e.type.startswith('object:children-changed:add'):
                child = e.any_data
                if child is not None and role(child) in ANNOUNCE_ROLES and name(child):
                    out.append(name(child))
        return out

    def quit(self):
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


# The walks ------------------------------------------------------------------

def expect_focus(app, keys, where, inside=None, quiet=False):
    """Sends keys, which must move the focus: a focus event, on an object
    that reports itself focused, named; returns it (None on failure)."""
    got = app.key(keys)
    if not got:
        problem(f"{where}: {keys} caused no focus event")
        return None
    acc = got[-1]
    if not has_state(acc, pyatspi.STATE_FOCUSED):
        problem(f"{where}: {keys} sent a focus event for {describe(acc)}, which does not report itself focused")
    check_name(acc, f"{where} ({keys})")
    if inside is not None and not is_ancestor(inside, acc):
        problem(f"{where}: {keys} moved the focus to {describe(acc)}, outside {describe(inside)}")
    if not quiet:
        note(f"{where}: {keys} → {describe(acc)}")
    return acc


def find_chart(app, kind):
    return app.find(lambda a: role(a) == pyatspi.ROLE_LIST and name(a).startswith(kind))


def focused_in(root):
    """The object below root that reports itself focused, or None."""
    for acc in walk(root):
        if has_state(acc, pyatspi.STATE_FOCUSED):
            return acc
    return None


def check_chart(app, chart, kind, keys):
    """The chart's items: named, and the arrows walk them with focus
    events."""
    if chart is None:
        problem(f"{kind}: no chart (a list named “{kind}…”) in the window")
        return
    items = children(chart)
    named = [c for c in items if name(c).strip()]
    if len(items) < 2:
        problem(f"{kind}: the chart has {len(items)} accessible children; a screen reader cannot walk it")
        return
    if len(named) != len(items):
        problem(f"{kind}: {len(items) - len(named)} of the chart's {len(items)} items have no name")
    for c in items:
        check_name(c, kind)
    note(f"{kind}: {len(items)} items, e.g. “{name(items[0])}”")
    seen = set()
    for k in keys:
        before = focused_in(chart)
        app.events.clear()
        subprocess.run(['xdotool', 'key', k], check=False)
        # The focus moves or stays (an end of the chart): wait for one or
        # the other, then compare with the events.
        app.wait_for(lambda: focused_in(chart) not in (None, before), 3 * TIME_SCALE)
        app.collect(1.0, want_focus=False)
        after = focused_in(chart)
        if after is None:
            # On a loaded machine the chart may still be rebuilding its
            # items (a scroll, new results): a focus that left for good
            # stays out, one in transit comes back within the deadline.
            after = app.wait_for(lambda: focused_in(chart), EVENT_DEADLINE)
            app.collect(SETTLE, want_focus=False)
        events = app.focus_events()
        if after is None:
            problem(f"{kind}: {k} took the focus out of the chart")
            continue
        if after != before and not any(e == after for e in events):
            problem(f"{kind}: {k} moved the focus to {describe(after)} without a focus event")
        if after != before:
            check_name(after, f"{kind} ({k})")
            seen.add(name(after))
    if len(seen) < 2:
        problem(f"{kind}: the arrow keys did not move between the chart's items (visited {sorted(seen)})")
    else:
        note(f"{kind}: the arrows visited {len(seen)} items, e.g. “{sorted(seen)[0]}”")


def check_slider(app, slider):
    """The week-window slider: a value that the arrows change, and the
    dates it chose as its description."""
    value = safe(lambda: slider.queryValue())
    if value is None:
        problem(f"slider {describe(slider)}: no Value interface")
        return
    lo, hi, now = value.minimumValue, value.maximumValue, value.currentValue
    if not (lo < hi and lo <= now <= hi):
        problem(f"slider {describe(slider)}: value {now} outside [{lo}, {hi}]")
    related = []
    for rel in safe(lambda: slider.getRelationSet(), []) or []:
        if rel.getRelationType() in (pyatspi.RELATION_DESCRIBED_BY, pyatspi.RELATION_LABELLED_BY):
            related += [rel.getTarget(i) for i in range(rel.getNTargets())]
    if not any(role(t) == pyatspi.ROLE_LABEL and name(t).strip() for t in related):
        problem(f"slider {describe(slider)}: not related (described or labelled by) to a label saying what it chose")
    before_desc = safe(lambda: slider.description, "")
    key = 'Right' if now < hi else 'Left'
    app.events.clear()
    subprocess.run(['xdotool', 'key', key], check=False)
    changed = app.wait_for(lambda: safe(lambda: slider.queryValue().currentValue) != now)
    app.collect(2.0, want_focus=False)
    after = safe(lambda: slider.queryValue().currentValue)
    if not changed:
        problem(f"slider {describe(slider)}: {key} did not change its value ({now})")
    elif not any(e.source == slider and e.type.startswith(('object:property-change:accessible-value',
                                                          'object:property-change:accessible-description'))
                 for e in app.events):
        # GTK 4.8 sends no value-changed event for a range: the slider's
        # description (the dates) is what changes, and is said.
        problem(f"slider {describe(slider)}: its value changed without a value or description event")
    after_desc = safe(lambda: slider.description, "")
    if not after_desc or after_desc == before_desc:
        problem(f"slider {describe(slider)}: its description (“{after_desc}”) does not follow the window")
    if app.focus_events():
        problem(f"slider: {key} moved the focus away from it")
    note(f"slider: value {now} → {after} of [{lo}, {hi}], “{after_desc}”")
    # Back where it was, so that the walk goes on from the slider.
    subprocess.run(['xdotool', 'key', 'Left' if key == 'Right' else 'Right'], check=False)
    app.wait_for(lambda: safe(lambda: slider.queryValue().currentValue) == now, 3)


def walk_window(app):
    """Tab round the window: every stop named and focused; each chart one
    stop; the slider checked on the way."""
    frame = app.frame
    sankey = find_chart(app, "Sankey")
    stops = []
    slider_done = False
    first = None
    in_chart_run = 0
    run_list, run_length = None, 0
    came_round = False
    for i in range(80):
        acc = expect_focus(app, 'Tab', "window, Tab", quiet=True)
        if acc is None:
            break
        label = describe(acc)
        if sankey is not None and is_ancestor(sankey, acc):
            in_chart_run += 1
            if in_chart_run > 1:
                problem(f"window, Tab: the Sankey took {in_chart_run} Tabs to leave ({label})")
                if in_chart_run > 3:
                    # Leave the chart, as a user would give up.
                    continue
        else:
            in_chart_run = 0
        # A list (a chart's items, the inspector's rows) is one Tab stop;
        # the arrows move inside it.
        parent = safe(lambda: acc.parent)
        if role(acc) == pyatspi.ROLE_LIST_ITEM and parent is not None and role(parent) == pyatspi.ROLE_LIST:
            run_length = run_length + 1 if parent == run_list else 1
            run_list = parent
            if run_length == 2:
                problem(f"window, Tab: Tab goes item by item through the list {describe(parent)}")
        else:
            run_list, run_length = None, 0
        if not is_ancestor(frame, acc):
            problem(f"window, Tab: the focus left the window for {label}")
        stops.append(label)
        if role(acc) == pyatspi.ROLE_SLIDER and not slider_done:
            slider_done = True
            check_slider(app, acc)
        if first is None:
            first = acc
        elif acc == first:
            came_round = True
            break
    note(f"window: {len(stops)} Tab stops: " + "; ".join(stops))
    if not came_round:
        problem(f"window, Tab: the focus did not come round the window in {len(stops)} Tabs")
    if not slider_done:
        problem("window, Tab: no slider (the week window) on the way")
    if sankey is not None and not any(l == describe(c) for l in stops for c in children(sankey)) \
            and not any(l == describe(sankey) for l in stops):
        problem("window, Tab: Tab never reached the Sankey")


def check_announcement(app):
    """The status line's bottleneck, when it changes, is announced."""
    status = app.find(lambda a: role(a) in (pyatspi.ROLE_LABEL, pyatspi.ROLE_STATUS_BAR)
                      and name(a).startswith(("Bottleneck", "No capacity bottleneck")))
    slider = app.find(lambda a: role(a) == pyatspi.ROLE_SLIDER)
    if status is None or slider is None:
        problem("status: no status line (“Bottleneck: …”) or no slider to change the window with")
        return
    app.key('alt+1')
    # To the slider: focus it by Tab from the chart.
    for _ in range(12):
        if has_state(slider, pyatspi.STATE_FOCUSED):
            break
        app.key('Tab')
    if not has_state(slider, pyatspi.STATE_FOCUSED):
        problem("status: Tab from the Sankey never reached the slider")
        return
    texts = [name(status)]
    announced = []
    # Windows far apart (the bottleneck moves over the calendar).
    for k in ('End', 'Home', 'End', 'Page_Up', 'Page_Up', 'Page_Up', 'Page_Up'):
        app.events.clear()
        subprocess.run(['xdotool', 'key', k], check=False)
        app.wait_for(lambda: name(status) != texts[-1], 5)
        app.collect(3.0, want_focus=False)
        announced += app.announcements()
        texts.append(name(status))
    changes = [t for a, t in zip(texts, texts[1:]) if a != t]
    note(f"status: {texts}; announced {announced}")
    if not changes:
        problem(f"status: moving the window never changed the status line ({texts[0]})")
    for t in changes:
        if not any(t in a for a in announced):
            problem(f"status: “{t}” was shown but not announced")


def walk_charts(app):
    sankey = find_chart(app, "Sankey")
    acc = expect_focus(app, 'alt+1', "Alt+1")
    if sankey is not None and acc is not None and not is_ancestor(sankey, acc):
        problem(f"Alt+1: the focus went to {describe(acc)}, not into the Sankey")
    check_chart(app, sankey, "Sankey", ['Right', 'Right', 'Down', 'Left', 'shift+Right', 'Right'])
    if sankey is not None:
        # Return shows the focused item in the inspector and says so.
        focused = app.find(lambda a: has_state(a, pyatspi.STATE_FOCUSED), sankey)
        app.key('Return')
        app.collect(2.0, want_focus=False)
        said = app.announcements() + [name(a) for a in app.focus_events()]
        if not said:
            problem("Sankey: Return announced nothing")
        else:
            note(f"Sankey: Return → {said}")
        if focused is not None and not has_state(focused, pyatspi.STATE_SELECTED):
            problem(f"Sankey: Return did not select {describe(focused)}")

    acc = expect_focus(app, 'alt+2', "Alt+2")
    gantt = app.wait_for(lambda: find_chart(app, "Gantt"))
    if gantt is not None and acc is not None and not is_ancestor(gantt, acc):
        problem(f"Alt+2: the focus went to {describe(acc)}, not into the Gantt")
    check_chart(app, gantt, "Gantt", ['Down', 'Down', 'Down', 'Up', 'End', 'Home'])
    expect_focus(app, 'alt+1', "Alt+1 back")


def walk_inspector(app):
    # From the Sankey, Escape clears the selection: the inspector shows
    # its list.  F9 shows the inspector and moves the focus into it; when
    # it was shown, the first F9 hides it.
    app.key('alt+1')
    app.key('Escape')
    lst = None
    focused = None
    for attempt in range(2):
        app.key('F9')
        lst = app.find(lambda a: role(a) == pyatspi.ROLE_LIST and name(a) == "Nodes and links")
        focused = app.find(lambda a: has_state(a, pyatspi.STATE_FOCUSED))
        if lst is not None and focused is not None and is_ancestor(lst, focused):
            break
    if lst is None:
        problem("inspector: no list “Nodes and links” after F9")
        return
    if focused is None or not is_ancestor(lst, focused):
        problem(f"inspector: F9 did not move the focus into it (focus on {describe(focused) if focused else 'nothing'})")
        return
    note(f"inspector: F9 → {describe(focused)}")
    rows = [c for c in children(lst) if role(c) == pyatspi.ROLE_LIST_ITEM]
    unnamed = [r for r in rows if not name(r).strip()]
    if unnamed:
        problem(f"inspector: {len(unnamed)} of {len(rows)} rows of “Nodes and links” have no name")
    # The first rows are nodes.
    if not has_state(children(lst)[0], pyatspi.STATE_FOCUSED):
        expect_focus(app, 'Home', "inspector list", inside=lst)
    for k in ('Down', 'Down', 'Up'):
        expect_focus(app, k, "inspector list", inside=lst)
    # Return opens the row's details; the focus goes to the first field.
    acc = expect_focus(app, 'Return', "inspector, Return on a row")
    if acc is not None and role(acc) not in (pyatspi.ROLE_TEXT, pyatspi.ROLE_ENTRY, pyatspi.ROLE_COMBO_BOX,
                                             pyatspi.ROLE_SPIN_BUTTON):
        problem(f"inspector: Return on a row focused {describe(acc)}, not the first field")
    fields = [name(acc)] if acc is not None else []
    for _ in range(14):
        acc = expect_focus(app, 'Tab', "inspector, Tab", quiet=True)
        if acc is None:
            break
        fields.append(f"{name(acc)} ({safe(lambda: acc.getRoleName())})")
    note("inspector fields: " + "; ".join(fields))
    for want in ("Id", "Name", "Unit"):
        if not any(f.split(" (")[0] == want for f in fields):
            problem(f"inspector: Tab never reached the field “{want}”")
    details = app.find(lambda a: role(a) == pyatspi.ROLE_TEXT and name(a) == "Id")
    if details is not None:
        check_tree(safe(lambda: details.parent.parent.parent.parent) or details, "inspector details")
    # Escape from a field, then back to the list.
    app.key('Escape')


def walk_export_dialog(app):
    acc = expect_focus(app, 'ctrl+e', "export dialog, Ctrl+E")
    dialog = app.wait_for(lambda: next((w for w in app.windows() if w != app.frame
                                        and role(w) in (pyatspi.ROLE_DIALOG, pyatspi.ROLE_FRAME,
                                                        pyatspi.ROLE_WINDOW)), None))
    if dialog is None:
        problem("export dialog: Ctrl+E opened no dialog")
        return
    if acc is not None and not is_ancestor(dialog, acc):
        problem(f"export dialog: the focus stayed on {describe(acc)}, outside the dialog")
    n = check_tree(dialog, "export dialog")
    first = acc
    stops = []
    for _ in range(20):
        acc = expect_focus(app, 'Tab', "export dialog, Tab", inside=dialog, quiet=True)
        if acc is None:
            break
        stops.append(describe(acc))
        if acc == first:
            break
    note(f"export dialog: {n} objects; Tab stops: " + "; ".join(stops))
    # Escape closes the dialog; the window manager (here, xdotool: there
    # is none under Xvfb) gives the main window the input focus back.
    app.events.clear()
    subprocess.run(['xdotool', 'key', 'Escape'], check=False)
    app.wait_for(lambda: dialog not in app.windows(), 5)
    subprocess.run(['xdotool', 'windowfocus', app.xid], check=False)
    got = app.collect()
    acc = got[-1] if got else None
    if acc is None:
        problem("export dialog: after Escape no focus event said where the focus is")
    else:
        check_name(acc, "export dialog, Escape")
        note(f"export dialog: Escape → {describe(acc)}")
    if acc is not None and not is_ancestor(app.frame, acc):
        problem(f"export dialog: after Escape the focus is on {describe(acc)}, not in the window")


def main():
    exe = sys.argv[1]
    app = App(exe, sys.argv[2:])
    try:
        sankey = app.wait_for(lambda: (lambda c: c if c is not None and len(children(c)) > 1 else None)(
            find_chart(app, "Sankey")), 30)
        status = app.wait_for(lambda: app.find(lambda a: name(a).startswith("Bottleneck")), 30)
        if sankey is None:
            problem("Sankey: no chart with items after 30 s")
        if status is None:
            note("status: no bottleneck shown after 30 s")
        n = check_tree(app.frame, "window")
        note(f"window: {n} objects checked")
        walk_window(app)
        walk_charts(app)
        check_announcement(app)
        walk_inspector(app)
        walk_export_dialog(app)
    finally:
        app.quit()
    if problems:
        for text, count in problems.items():
            if count > 1:
                print(f"PROBLEM ({count} times): {text}", flush=True)
        print(f"{sum(problems.values())} problems ({len(problems)} different)", flush=True)
        return 1
    print("no problems", flush=True)
    return 0


if __name__ == '__main__':
    sys.exit(main())
