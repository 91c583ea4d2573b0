/* wfl-gantt-text.c: the words of a Gantt row, for its tooltip and a screen reader
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wfl-gantt-text"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "wfl-gantt-text.h"

char *
wfl_gantt_text_date (WflDate date)
{
  GDate gdate;
  char buf[64];

  g_date_clear (&gdate, 1);
  g_date_set_julian (&gdate, date);
  /* Translators: a date in the Gantt tooltips, see strftime(3) */
  if (g_date_strftime (buf, sizeof buf, _("%-d %b %Y"), &gdate) == 0)
    return wfl_date_format (date);
  return g_strdup (buf);
}

char *
wfl_gantt_text_weeks (double weeks)
{
  if (fabs (weeks - round (weeks)) < 0.05)
    {
      int n = (int) round (weeks);

      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d week", "%d weeks", ABS (n)), n);
    }
  /* Translators: a fractional number of weeks */
  return g_strdup_printf (_("%.1f weeks"), weeks);
}

/* "3 Jul 2023 – 13 Aug 2023": a bar covers the weeks [start, end). */
char *
wfl_gantt_text_span (const WflGanttChart *chart,
                     double               start,
                     double               end)
{
  g_autofree char *from = wfl_gantt_text_date (wfl_gantt_chart_date_of_week (chart, start));
  g_autofree char *to = NULL;

  if (end - start < 1e-6)
    return g_steal_pointer (&from);
  to = wfl_gantt_text_date (wfl_gantt_chart_date_of_week (chart, end) - 1);
  /* Translators: a span of dates */
  return g_strdup_printf (_("%s – %s"), from, to);
}

const char *
wfl_gantt_text_bar_kind (WflGanttBarKind kind)
{
  switch (kind)
    {
    case WFL_GANTT_BAR_WAIT: return _("Waiting");
    case WFL_GANTT_BAR_QUEUE: return _("Queueing for capacity");
    case WFL_GANTT_BAR_TRANSIT: return _("In transit");
    case WFL_GANTT_BAR_ALLOCATION: return _("Waiting for allocation");
    case WFL_GANTT_BAR_STOCK: return _("Made before the order");
    case WFL_GANTT_BAR_WORK:
    default: return _("Working");
    }
}

static double
marker_week (const WflGanttRow  *row,
             WflGanttMarkerKind  kind)
{
  for (guint i = 0; i < row->markers->len; i++)
    if (g_array_index (row->markers, WflGanttMarker, i).kind == kind)
      return g_array_index (row->markers, WflGanttMarker, i).week;
  return NAN;
}

/* A row's name on its own: "OpenAI · openai-2023-01-02" for an order
 * (whose label under its customer is "2023-01-02"), else the label. */
char *
wfl_gantt_text_row_title (const WflGanttChart *chart,
                          const WflGanttRow   *row)
{
  g_autofree char *order = NULL;

  if (chart->mode == WFL_GANTT_MODE_ORDERS && row->group != NULL &&
      wfl_gantt_orders_row_id_parse (row->id, NULL, &order))
    /* Translators: an order on its own: "<customer> · <order id>". */
    return g_strdup_printf (_("%s · %s"), row->group, order);
  return g_strdup (row->label);
}

/* One line about a row: its dates and lateness (orders) or its span
 * (pipeline), after @title. */
char *
wfl_gantt_text_describe_row_after (const WflGanttChart *chart,
                                   const WflGanttRow   *row,
                                   const char          *title)
{
  GString *s = g_string_new (title);

  if (row->header)
    {
      /* A group of orders: its totals, and whether it is open. */
      if (row->summary != NULL)
        g_string_append_printf (s, ", %s", row->summary);
      g_string_append (s, row->collapsed ? _(", collapsed") : _(", expanded"));
    }
  else if (chart->mode == WFL_GANTT_MODE_ORDERS)
    {
      double placed = marker_week (row, WFL_GANTT_MARKER_PLACED);
      double due = marker_week (row, WFL_GANTT_MARKER_DUE);
      double filled = marker_week (row, WFL_GANTT_MARKER_FILLED);

      if (isfinite (placed))
        {
          g_autofree char *d = wfl_gantt_text_date (wfl_gantt_chart_date_of_week (chart, placed));

          /* Translators: part of an order's description */
          g_string_append_printf (s, _(", placed %s"), d);
        }
      if (isfinite (due))
        {
          g_autofree char *d = wfl_gantt_text_date (wfl_gantt_chart_date_of_week (chart, due));

          /* Translators: part of an order's description */
          g_string_append_printf (s, _(", due %s"), d);
        }
      if (isfinite (filled))
        {
          g_autofree char *d = wfl_gantt_text_date (wfl_gantt_chart_date_of_week (chart, filled));
          g_autofree char *took = isfinite (placed) ? wfl_gantt_text_weeks (filled - placed) : NULL;

          /* Translators: part of an order's description */
          g_string_append_printf (s, _(", filled %s"), d);
          if (took != NULL)
            /* Translators: part of an order's description: the lead time */
            g_string_append_printf (s, _(" after %s"), took);
        }
      else
        g_string_append (s, _(", not filled within the calendar"));

      if (isfinite (row->lateness) && row->lateness > 0)
        {
          g_autofree char *late = wfl_gantt_text_weeks (row->lateness);

          /* Translators: part of an order's description */
          g_string_append_printf (s, _(", %s late"), late);
        }
      else if (isfinite (row->lateness) && row->lateness < 0)
        {
          g_autofree char *early = wfl_gantt_text_weeks (-row->lateness);

          /* Translators: part of an order's description */
          g_string_append_printf (s, _(", %s early"), early);
        }
    }
  else if (row->bars->len > 0)
    {
      const WflGanttBar *bar = &g_array_index (row->bars, WflGanttBar, 0);
      g_autofree char *span = wfl_gantt_text_span (chart, bar->start, bar->end);

      g_string_append_printf (s, ", %s", span);
      if (row->critical)
        g_string_append (s, _(", on the critical path"));
    }
  return g_string_free (s, FALSE);
}

char *
wfl_gantt_text_describe_row (const WflGanttChart *chart,
                             const WflGanttRow   *row)
{
  g_autofree char *title = wfl_gantt_text_row_title (chart, row);

  return wfl_gantt_text_describe_row_after (chart, row, title);
}

/* For screen readers, an order with its quantity in the locale's
 * numbers: "Meta, order meta-2023q3, 35,000 GPUs, placed 3 Jul 2023, …,
 * 14 weeks late"; other rows as their tooltips say. */
char *
wfl_gantt_text_describe_for_reader (const WflGanttChart *chart,
                                    WflScenario         *scenario,
                                    const WflGanttRow   *row)
{
  g_autofree char *customer = NULL;
  g_autofree char *order_id = NULL;
  g_autofree char *title = NULL;
  WflNode *node = NULL;
  const WflOrder *order = NULL;

  if (chart->mode != WFL_GANTT_MODE_ORDERS || scenario == NULL ||
      !wfl_gantt_orders_row_id_parse (row->id, &customer, &order_id))
    return wfl_gantt_text_describe_row (chart, row);

  node = wfl_scenario_find_node (scenario, customer);
  for (guint i = 0; node != NULL && node->orders != NULL && i < node->orders->len; i++)
    {
      const WflOrder *o = g_ptr_array_index (node->orders, i);

      if (g_strcmp0 (o->id, order_id) == 0)
        order = o;
    }
  if (order != NULL)
    {
      g_autofree char *amount = wfl_format_amount_locale (order->quantity, node->unit);

      /* Translators: an order for screen readers: customer, order id,
       * quantity with its unit ("Meta, order meta-2023q3, 35,000 GPUs") */
      title = g_strdup_printf (_("%s, order %s, %s"), wfl_node_get_display_name (node), order_id, amount);
    }
  else
    /* Translators: an order for screen readers: customer, order id */
    title = g_strdup_printf (_("%s, order %s"), node != NULL ? wfl_node_get_display_name (node) : customer,
                             order_id);
  return wfl_gantt_text_describe_row_after (chart, row, title);
}

/* A line of an order's tooltip: a category of its timeline and its weeks. */
static char *
timeline_line (WflTimelineCategory  category,
               const char          *weeks)
{
  switch (category)
    {
    case WFL_TIMELINE_ALLOCATION:
      /* Translators: a line of an order's tooltip; %s is a number of weeks */
      return g_strdup_printf (_("Waiting for allocation: %s"), weeks);
    case WFL_TIMELINE_STOCK:
      /* Translators: a line of an order's tooltip; %s is a number of weeks */
      return g_strdup_printf (_("Made before the order: %s"), weeks);
    case WFL_TIMELINE_WORK:
      /* Translators: a line of an order's tooltip; %s is a number of weeks */
      return g_strdup_printf (_("Production: %s"), weeks);
    case WFL_TIMELINE_WAIT:
      /* Translators: a line of an order's tooltip; %s is a number of weeks */
      return g_strdup_printf (_("Waiting between stages: %s"), weeks);
    case WFL_TIMELINE_TRANSIT:
    case WFL_N_TIMELINE:
    default:
      /* Translators: a line of an order's tooltip; %s is a number of weeks */
      return g_strdup_printf (_("In transit: %s"), weeks);
    }
}

/* What an order's tooltip adds, a line each: the weeks from placed to
 * filled in each category of its timeline (docs/model.md, "Lots and order
 * timelines"; they add up to the lead time), and where units made before
 * the order came from.  Categories without a week are left out. */
void
wfl_gantt_text_append_order_timeline (GString           *text,
                                      const WflGanttRow *row)
{
  const WflGanttBar *stock = NULL;

  for (guint i = 0; i < row->bars->len && stock == NULL; i++)
    if (g_array_index (row->bars, WflGanttBar, i).kind == WFL_GANTT_BAR_STOCK)
      stock = &g_array_index (row->bars, WflGanttBar, i);

  for (int c = 0; c < WFL_N_TIMELINE; c++)
    {
      g_autofree char *weeks = NULL;
      g_autofree char *line = NULL;
      g_autofree char *escaped = NULL;

      if (row->timeline[c] <= 0)
        continue;
      weeks = wfl_gantt_text_weeks (row->timeline[c]);
      line = timeline_line (c, weeks);
      escaped = g_markup_escape_text (line, -1);
      g_string_append_printf (text, "\n%s", escaped);
    }
  if (stock != NULL && stock->note != NULL)
    {
      g_autofree char *note = g_markup_escape_text (stock->note, -1);

      g_string_append_printf (text, "\n<i>%s</i>", note);
    }
}

/* An order compared with a baseline: when it was filled there, and the slip. */
static void
append_baseline (GString             *text,
                 const WflGanttChart *chart,
                 const WflGanttRow   *row)
{
  g_autofree char *slip = wfl_gantt_row_format_slip (row);

  if (row->ghost == NULL)
    return;
  if (row->ghost->len > 0 && row->slip != -INFINITY)
    {
      const WflGanttSpan *last = &g_array_index (row->ghost, WflGanttSpan, row->ghost->len - 1);
      g_autofree char *date = wfl_gantt_text_date (wfl_gantt_chart_date_of_week (chart, last->end));

      /* Translators: a Gantt tooltip line of the baseline Gantt; %s is a date */
      g_string_append_printf (text, _("\nBaseline: until the week of %s"), date);
    }
  else
    g_string_append_printf (text, "\n%s", _("Baseline: not filled"));
  if (slip != NULL)
    g_string_append_printf (text, " (%s)", slip);
}

/* An order after a Monte Carlo experiment: its whisker, the 10th, 50th
 * and 90th percentile of the week it was filled in. */
static void
append_whisker (GString             *text,
                const WflGanttChart *chart,
                const WflGanttRow   *row)
{
  char *when[3] = { NULL, NULL, NULL };

  if (!isfinite (row->whisker[0]))
    return;
  for (int k = 0; k < 3; k++)
    when[k] = isfinite (row->whisker[k]) ? wfl_gantt_text_date (wfl_gantt_chart_date_of_week (chart, row->whisker[k]))
                                         : g_strdup (_("never"));
  /* Translators: a Gantt tooltip line after a Monte Carlo experiment;
   * each %s is the date of a week, or "never" */
  g_string_append_printf (text, _("\nMonte Carlo: filled by P10 %s, P50 %s, P90 %s"), when[0], when[1], when[2]);
  for (int k = 0; k < 3; k++)
    g_free (when[k]);
}

/* The tooltip's markup for what hit names (not NONE), and the area it
 * stands for. */
char *
wfl_gantt_text_tooltip_markup (const WflGanttChart  *chart,
                               const WflGanttLayout *l,
                               WflGanttHit           hit,
                               GdkRectangle         *out_area)
{
  const WflGanttRowBox *box;
  const WflGanttRow *row;
  GString *text;
  g_autofree char *title = NULL;
  g_autofree char *name = NULL;
  GdkRectangle area;

  row = g_ptr_array_index (chart->rows, hit.row);
  box = &g_array_index (l->rows, WflGanttRowBox, hit.row);
  name = wfl_gantt_text_row_title (chart, row);
  title = g_markup_escape_text (name, -1);
  text = g_string_new (NULL);
  g_string_append_printf (text, "<b>%s</b>", title);
  area = (GdkRectangle) { 0, (int) floor (box->y0), (int) l->width, (int) ceil (box->y1 - box->y0) };

  if (hit.kind == WFL_GANTT_HIT_BAR)
    {
      const WflGanttBar *bar = &g_array_index (row->bars, WflGanttBar, hit.index);
      const WflGanttBarBox *bb = &g_array_index (box->bars, WflGanttBarBox, hit.index);
      g_autofree char *span = wfl_gantt_text_span (chart, bar->start, bar->end);
      g_autofree char *weeks = wfl_gantt_text_weeks (bar->end - bar->start);
      g_autofree char *stage = g_markup_escape_text (bar->label, -1);

      if (chart->mode == WFL_GANTT_MODE_ORDERS)
        /* Translators: a Gantt tooltip line: stage — what happened */
        g_string_append_printf (text, "\n%s — %s", stage, wfl_gantt_text_bar_kind (bar->kind));
      else if (bar->kind == WFL_GANTT_BAR_TRANSIT)
        g_string_append_printf (text, "\n%s", wfl_gantt_text_bar_kind (bar->kind));
      g_string_append_printf (text, "\n%s (%s)", span, weeks);
      if (bar->note != NULL)
        {
          g_autofree char *note = g_markup_escape_text (bar->note, -1);

          g_string_append_printf (text, "\n<i>%s</i>", note);
        }
      if (bar->critical)
        g_string_append_printf (text, "\n%s", _("On the critical path"));
      else if (isfinite (bar->slack) && bar->slack > 0.05)
        {
          g_autofree char *slack = wfl_gantt_text_weeks (bar->slack);

          /* Translators: how much later a stage may start without
           * delaying the delivery */
          g_string_append_printf (text, _("\nSlack: %s"), slack);
        }
      area = (GdkRectangle) { (int) floor (bb->rect.x0) - 2, (int) floor (bb->rect.y0) - 2,
                              (int) ceil (bb->rect.x1 - bb->rect.x0) + 4, (int) ceil (bb->rect.y1 - bb->rect.y0) + 4 };
    }
  else if (hit.kind == WFL_GANTT_HIT_MARKER)
    {
      const WflGanttMarker *m = &g_array_index (row->markers, WflGanttMarker, hit.index);
      const WflGanttMarkerBox *mb = &g_array_index (box->markers, WflGanttMarkerBox, hit.index);
      g_autofree char *date = wfl_gantt_text_date (wfl_gantt_chart_date_of_week (chart, m->week));

      switch (m->kind)
        {
        case WFL_GANTT_MARKER_PLACED:
          /* Translators: a Gantt tooltip line */
          g_string_append_printf (text, _("\nPlaced in the week of %s"), date);
          break;
        case WFL_GANTT_MARKER_DUE:
          g_string_append_printf (text, _("\nDue in the week of %s"), date);
          break;
        case WFL_GANTT_MARKER_FILLED:
        default:
          g_string_append_printf (text, _("\nFilled in the week of %s"), date);
          break;
        }
      area = (GdkRectangle) { (int) floor (mb->x - mb->size) - 2, (int) floor (mb->y - 2 * mb->size) - 2,
                              (int) ceil (2 * mb->size) + 4, (int) ceil (3 * mb->size) + 4 };
    }
  else
    {
      g_autofree char *about = wfl_gantt_text_describe_row (chart, row);
      g_autofree char *escaped = NULL;
      const char *rest = about + strlen (name);

      /* The description without the label (already the title). */
      if (g_str_has_prefix (rest, ", "))
        rest += 2;
      escaped = g_markup_escape_text (rest, -1);
      if (row->header)
        g_string_append_printf (text, "\n%s\n%s", escaped,
                                row->collapsed ? _("Enter or a double click shows its orders")
                                               : _("Enter or a double click hides its orders"));
      else if (chart->mode == WFL_GANTT_MODE_ORDERS && isfinite (row->quantity))
        {
          /* An order: its quantity, its dates, and where its weeks went. */
          g_autofree char *amount = wfl_format_amount_locale (row->quantity, row->unit);
          g_autofree char *quantity = g_markup_escape_text (amount, -1);

          g_string_append_printf (text, "\n%s%s%s", quantity, *escaped != '\0' ? ", " : "", escaped);
          wfl_gantt_text_append_order_timeline (text, row);
          append_baseline (text, chart, row);
          append_whisker (text, chart, row);
        }
      else if (*escaped != '\0')
        g_string_append_printf (text, "\n%s", escaped);
    }

  if (out_area != NULL)
    *out_area = area;
  return g_string_free (text, FALSE);
}
