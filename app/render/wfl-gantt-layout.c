/* wfl-gantt-layout.c
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wfl-gantt-layout"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "wfl-gantt-layout.h"
#include "wfl-json.h"

#define DEFAULT_ROW_HEIGHT  28.0
#define TIER_HEIGHT         22.0
#define LABEL_PADDING       12.0
#define GROUP_GAP           16.0
#define MIN_LABEL_WIDTH     72.0
#define MAX_LABEL_FRACTION  0.4
#define BAR_FRACTION        0.58
#define RIGHT_MARGIN        14.0
#define EDGE_MARGIN         12.0   /* pixels of time before the first and after the last mark */
#define ARROW_STUB          7.0
#define HIT_SLOP            2.0
#define LEGEND_LINE         18.0
#define LEGEND_PADDING      8.0
#define LEGEND_SWATCH_W     14.0
#define LEGEND_SWATCH_H     9.0
#define LEGEND_SWATCH_GAP   5.0
#define LEGEND_GAP          14.0
#define LEGEND_TEXT_SCALE   0.9
#define LEGEND_MAX_TEXT_FRACTION 0.3

/* C-locale month names: UI localisation of the axis is a later issue. */
/* Translated where they are drawn (month_name()). */
static const char * const month_names[12] = {
  NC_("abbreviated month", "Jan"), NC_("abbreviated month", "Feb"),
  NC_("abbreviated month", "Mar"), NC_("abbreviated month", "Apr"),
  NC_("abbreviated month", "May"), NC_("abbreviated month", "Jun"),
  NC_("abbreviated month", "Jul"), NC_("abbreviated month", "Aug"),
  NC_("abbreviated month", "Sep"), NC_("abbreviated month", "Oct"),
  NC_("abbreviated month", "Nov"), NC_("abbreviated month", "Dec"),
};

static const char *
month_name (int month)
{
  return g_dpgettext2 (GETTEXT_PACKAGE, "abbreviated month", month_names[month - 1]);
}

typedef enum
{
  PERIOD_WEEK,
  PERIOD_MONTH,
  PERIOD_QUARTER,
  PERIOD_YEAR,
  PERIOD_DECADE,
} Period;

static const struct
{
  double ppw;      /* default pixels per week */
  double min_ppw;  /* below this the lower tier's labels collide */
} zoom_info[] = {
  [WFL_ZOOM_WEEK]    = { 40.0, 24.0 },
  [WFL_ZOOM_MONTH]   = { 14.0, 8.0 },
  [WFL_ZOOM_QUARTER] = { 5.0, 2.6 },
  [WFL_ZOOM_YEAR]    = { 1.6, 0.0 },
};

double
wfl_gantt_zoom_px_per_week (WflZoom zoom)
{
  return zoom_info[CLAMP (zoom, WFL_ZOOM_WEEK, WFL_ZOOM_YEAR)].ppw;
}

double
wfl_gantt_zoom_min_px_per_week (WflZoom zoom)
{
  return zoom_info[CLAMP (zoom, WFL_ZOOM_WEEK, WFL_ZOOM_YEAR)].min_ppw;
}

WflZoom
wfl_gantt_zoom_for_fit (double px_per_week)
{
  for (WflZoom z = WFL_ZOOM_WEEK; z < WFL_ZOOM_YEAR; z++)
    if (px_per_week >= zoom_info[z].min_ppw)
      return z;
  return WFL_ZOOM_YEAR;
}

void
wfl_gantt_layout_options_init (WflGanttLayoutOptions *options)
{
  *options = (WflGanttLayoutOptions) { 0 };
  options->width = 960;
  options->zoom = WFL_ZOOM_MONTH;
  options->fit = TRUE;
  options->from = NAN;
  options->to = NAN;
}

static double
measure (const WflGanttLayoutOptions *options,
         const char                  *text,
         gboolean                     bold)
{
  if (text == NULL || *text == '\0')
    return 0;
  if (options->measure != NULL)
    return options->measure (text, bold, options->measure_data);
  return 7.0 * g_utf8_strlen (text, -1) * (bold ? 1.1 : 1.0);
}

/* ---- Header tiers ---------------------------------------------------- */

static WflDate
period_floor (const WflGanttChart *chart,
              Period               period,
              WflDate              date)
{
  int y, m, d;

  if (period == PERIOD_WEEK)
    {
      gint64 days = (gint64) date - (gint64) chart->start;
      gint64 k = days >= 0 ? days / 7 : -((-days + 6) / 7);

      return (WflDate) ((gint64) chart->start + 7 * k);
    }

  wfl_date_to_ymd (date, &y, &m, &d);
  switch (period)
    {
    case PERIOD_MONTH:
      return wfl_date_from_ymd (y, m, 1);
    case PERIOD_QUARTER:
      return wfl_date_from_ymd (y, (m - 1) / 3 * 3 + 1, 1);
    case PERIOD_YEAR:
      return wfl_date_from_ymd (y, 1, 1);
    case PERIOD_DECADE:
    case PERIOD_WEEK:
    default:
      return wfl_date_from_ymd (MAX (1, y - y % 10), 1, 1);
    }
}

static WflDate
period_next (Period  period,
             WflDate date)
{
  int y, m, d;

  if (period == PERIOD_WEEK)
    return date + 7;

  wfl_date_to_ymd (date, &y, &m, &d);
  switch (period)
    {
    case PERIOD_MONTH:
      return m == 12 ? wfl_date_from_ymd (y + 1, 1, 1) : wfl_date_from_ymd (y, m + 1, 1);
    case PERIOD_QUARTER:
      return m >= 10 ? wfl_date_from_ymd (y + 1, 1, 1) : wfl_date_from_ymd (y, m + 3, 1);
    case PERIOD_YEAR:
      return wfl_date_from_ymd (y + 1, 1, 1);
    case PERIOD_DECADE:
    case PERIOD_WEEK:
    default:
      return wfl_date_from_ymd (y + 10, 1, 1);
    }
}

static char *
period_label (Period   period,
              gboolean with_year,
              WflDate  date)
{
  int y, m, d;

  wfl_date_to_ymd (date, &y, &m, &d);
  switch (period)
    {
    case PERIOD_WEEK:
      return g_strdup_printf ("%d", d);
    case PERIOD_MONTH:
      return with_year ? g_strdup_printf ("%s %d", month_name (m), y)
                       : g_strdup (month_name (m));
    case PERIOD_QUARTER:
      /* Translators: a quarter on the Gantt time axis, "Q1 2024" */
      return with_year ? g_strdup_printf (_("Q%d %d"), (m - 1) / 3 + 1, y)
                       /* Translators: a quarter on the Gantt time axis, "Q1" */
                       : g_strdup_printf (_("Q%d"), (m - 1) / 3 + 1);
    case PERIOD_YEAR:
      return g_strdup_printf ("%d", y);
    case PERIOD_DECADE:
    default:
      return g_strdup_printf ("%ds", y);
    }
}

static void
cell_clear (gpointer data)
{
  WflGanttCell *cell = data;

  g_free (cell->label);
}

static GArray *
tier_new (const WflGanttLayout *self,
          Period                period,
          gboolean              with_year)
{
  GArray *cells = g_array_new (FALSE, FALSE, sizeof (WflGanttCell));
  const WflGanttChart *chart = self->chart;
  WflDate first = wfl_gantt_chart_date_of_week (chart, self->from);
  double end_x = wfl_gantt_layout_x_of_week (self, self->to);

  g_array_set_clear_func (cells, cell_clear);

  for (WflDate date = period_floor (chart, period, first);
       date != WFL_DATE_NONE;
       date = period_next (period, date))
    {
      WflGanttCell cell;
      WflDate next = period_next (period, date);

      cell.x0 = wfl_gantt_layout_x_of_week (self, wfl_gantt_chart_week_of_date (chart, date));
      if (cell.x0 >= end_x - 1e-6 && cells->len > 0)
        break;
      cell.x1 = wfl_gantt_layout_x_of_week (self, wfl_gantt_chart_week_of_date (chart, next));
      cell.date = date;
      cell.label = period_label (period, with_year, date);
      g_array_append_val (cells, cell);
      if (next <= date)
        break;
    }
  return cells;
}

static void
build_tiers (WflGanttLayout *self)
{
  Period minor, major;
  gboolean major_year = FALSE;

  switch (self->zoom)
    {
    case WFL_ZOOM_WEEK:
      minor = PERIOD_WEEK, major = PERIOD_MONTH, major_year = TRUE;
      break;
    case WFL_ZOOM_MONTH:
      minor = PERIOD_MONTH, major = PERIOD_QUARTER, major_year = TRUE;
      break;
    case WFL_ZOOM_QUARTER:
      minor = PERIOD_QUARTER, major = PERIOD_YEAR;
      break;
    case WFL_ZOOM_YEAR:
    default:
      minor = PERIOD_YEAR, major = PERIOD_DECADE;
      break;
    }
  self->minor = tier_new (self, minor, FALSE);
  self->major = tier_new (self, major, major_year);
}

/* ---- Legend ---------------------------------------------------------- */

static void
legend_item_clear (gpointer data)
{
  WflGanttLegendItem *item = data;

  g_free (item->label);
}

static void
legend_add (GArray             *items,
            WflGanttLegendKind  kind,
            guint               index,
            const char         *label)
{
  WflGanttLegendItem item = { kind, index, g_strdup (label), { 0 }, 0, 0 };

  g_array_append_val (items, item);
}

typedef struct
{
  guint        color;
  int          rank;
  guint        n_stages;
  const char  *first;      /* the label of its first stage */
} ColorKey;

static int
compare_color_keys (gconstpointer a,
                    gconstpointer b)
{
  const ColorKey *x = a, *y = b;

  if (x->rank != y->rank)
    return x->rank < y->rank ? -1 : 1;
  return (x->color > y->color) - (x->color < y->color);
}

/* One item per stage colour with a bar in the time range, in the order of
 * the chain (or of first use): "TSMC N4 wafers", "HBM stacks +3". */
static void
build_stage_items (WflGanttLayout *self)
{
  const WflGanttChart *chart = self->chart;
  g_autofree gboolean *shown = g_new0 (gboolean, MAX (chart->stages->len, 1));
  g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (ColorKey));
  g_autoptr(GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < chart->stages->len; i++)
    g_hash_table_insert (index, g_ptr_array_index (chart->stages, i), GUINT_TO_POINTER (i + 1));

  for (guint r = 0; r < chart->rows->len; r++)
    {
      const WflGanttRow *row = g_ptr_array_index (chart->rows, r);

      for (guint i = 0; i < row->bars->len; i++)
        {
          const WflGanttBar *bar = &g_array_index (row->bars, WflGanttBar, i);
          guint s;

          /* Waits, queues, allocation and stock are drawn in their own
           * style, not the stage's. */
          if (bar->kind == WFL_GANTT_BAR_WAIT || bar->kind == WFL_GANTT_BAR_QUEUE ||
              bar->kind == WFL_GANTT_BAR_ALLOCATION || bar->kind == WFL_GANTT_BAR_STOCK ||
              bar->end < self->from || bar->start > self->to)
            continue;
          s = GPOINTER_TO_UINT (g_hash_table_lookup (index, bar->stage));
          /* A bar renamed after its colour was chosen (a customer's
           * delivery): the stage of its colour stands for it. */
          for (guint k = 0; s == 0 && k < chart->stages->len; k++)
            if (g_array_index (chart->stage_colors, guint, k) == bar->color)
              s = k + 1;
          if (s > 0 && s <= chart->stages->len)
            shown[s - 1] = TRUE;
        }
    }

  for (guint i = 0; i < chart->stages->len; i++)
    {
      guint color = g_array_index (chart->stage_colors, guint, i);
      int rank = g_array_index (chart->stage_ranks, int, i);
      ColorKey *key = NULL;

      if (!shown[i])
        continue;
      for (guint k = 0; k < keys->len && key == NULL; k++)
        if (g_array_index (keys, ColorKey, k).color == color)
          key = &g_array_index (keys, ColorKey, k);
      if (key == NULL)
        {
          ColorKey fresh = { color, rank, 0, g_ptr_array_index (chart->stage_labels, i) };

          g_array_append_val (keys, fresh);
          key = &g_array_index (keys, ColorKey, keys->len - 1);
        }
      key->n_stages++;
      key->rank = MIN (key->rank, rank);
    }
  g_array_sort (keys, compare_color_keys);

  for (guint k = 0; k < keys->len; k++)
    {
      const ColorKey *key = &g_array_index (keys, ColorKey, k);
      g_autofree char *label = NULL;

      if (key->n_stages > 1)
        /* Translators: a colour of the Gantt's key standing for several
         * stages: "HBM stacks, SK hynix +3". */
        label = g_strdup_printf (_("%s +%u"), key->first, key->n_stages - 1);
      legend_add (self->legend_items, WFL_GANTT_LEGEND_STAGE, key->color,
                  label != NULL ? label : key->first);
    }
}

static void
build_legend_items (WflGanttLayout *self)
{
  const WflGanttChart *chart = self->chart;
  gboolean kinds[WFL_GANTT_N_BAR_KINDS] = { FALSE }, markers[3] = { FALSE };
  gboolean critical = FALSE, late = FALSE, ghost = FALSE, slip = FALSE;

  self->legend_items = g_array_new (FALSE, FALSE, sizeof (WflGanttLegendItem));
  g_array_set_clear_func (self->legend_items, legend_item_clear);

  build_stage_items (self);

  for (guint r = 0; r < chart->rows->len; r++)
    {
      const WflGanttRow *row = g_ptr_array_index (chart->rows, r);

      late |= row->late;
      ghost |= row->ghost != NULL;
      if (row->ghost != NULL && !slip)
        {
          g_autofree char *text = wfl_gantt_row_format_slip (row);

          slip = text != NULL;
        }
      for (guint i = 0; i < row->bars->len; i++)
        {
          const WflGanttBar *bar = &g_array_index (row->bars, WflGanttBar, i);

          kinds[CLAMP (bar->kind, 0, WFL_GANTT_N_BAR_KINDS - 1)] = TRUE;
          critical |= bar->critical;
        }
      for (guint i = 0; i < row->markers->len; i++)
        markers[CLAMP (g_array_index (row->markers, WflGanttMarker, i).kind, 0, 2)] = TRUE;
    }

  if (critical)
    legend_add (self->legend_items, WFL_GANTT_LEGEND_CRITICAL, 0, _("Critical path"));
  /* The categories of an order's timeline, in the order they come. */
  if (kinds[WFL_GANTT_BAR_ALLOCATION])
    legend_add (self->legend_items, WFL_GANTT_LEGEND_BAR_KIND, WFL_GANTT_BAR_ALLOCATION,
                _("Waiting for allocation"));
  if (kinds[WFL_GANTT_BAR_STOCK])
    legend_add (self->legend_items, WFL_GANTT_LEGEND_BAR_KIND, WFL_GANTT_BAR_STOCK,
                _("Made before the order"));
  if (kinds[WFL_GANTT_BAR_WAIT])
    legend_add (self->legend_items, WFL_GANTT_LEGEND_BAR_KIND, WFL_GANTT_BAR_WAIT, _("Waiting for input"));
  if (kinds[WFL_GANTT_BAR_QUEUE])
    legend_add (self->legend_items, WFL_GANTT_LEGEND_BAR_KIND, WFL_GANTT_BAR_QUEUE, _("Queueing for capacity"));
  if (kinds[WFL_GANTT_BAR_TRANSIT])
    legend_add (self->legend_items, WFL_GANTT_LEGEND_BAR_KIND, WFL_GANTT_BAR_TRANSIT, _("In transit"));
  if (markers[WFL_GANTT_MARKER_PLACED])
    legend_add (self->legend_items, WFL_GANTT_LEGEND_MARKER, WFL_GANTT_MARKER_PLACED, _("Placed"));
  if (markers[WFL_GANTT_MARKER_DUE])
    legend_add (self->legend_items, WFL_GANTT_LEGEND_MARKER, WFL_GANTT_MARKER_DUE, _("Due"));
  if (markers[WFL_GANTT_MARKER_FILLED])
    legend_add (self->legend_items, WFL_GANTT_LEGEND_MARKER, WFL_GANTT_MARKER_FILLED, _("Filled"));
  if (late)
    legend_add (self->legend_items, WFL_GANTT_LEGEND_LATE, 0, _("Late"));
  if (isfinite (chart->as_of))
    legend_add (self->legend_items, WFL_GANTT_LEGEND_AS_OF, 0, _("As of"));
  /* Compared with a baseline: its bars behind the order's, and the
   * text after a row that says by how much the order moved. */
  if (ghost)
    /* Translators: the Gantt's key, compared with a baseline: the pale
     * dashed bars behind an order's are its timeline in the baseline */
    legend_add (self->legend_items, WFL_GANTT_LEGEND_BASELINE, 0, _("Baseline timeline"));
  if (slip)
    /* Translators: the Gantt's key, compared with a baseline: the text
     * after a row ("slips 3 wk", "2 wk earlier") */
    legend_add (self->legend_items, WFL_GANTT_LEGEND_SLIP, 0, _("Slip against the baseline"));
}

/* Flows the legend items into lines across the width; returns the
 * number of lines. */
static guint
flow_legend (WflGanttLayout *self,
             double          top)
{
  double x = LEGEND_PADDING, y = top + LEGEND_PADDING / 2;
  double max_text = MAX (80, self->width * LEGEND_MAX_TEXT_FRACTION);
  guint lines = 0;

  for (guint i = 0; i < self->legend_items->len; i++)
    {
      WflGanttLegendItem *item = &g_array_index (self->legend_items, WflGanttLegendItem, i);
      double sw = item->kind == WFL_GANTT_LEGEND_MORE ? 0 : LEGEND_SWATCH_W + LEGEND_SWATCH_GAP;
      double tw = MIN (max_text, ceil (LEGEND_TEXT_SCALE * measure (&self->options, item->label, FALSE)));
      double w = sw + tw;

      if (lines == 0)
        lines = 1;
      else if (x + w > self->width - LEGEND_PADDING && x > LEGEND_PADDING)
        {
          x = LEGEND_PADDING;
          y += LEGEND_LINE;
          lines++;
        }
      item->swatch.x0 = x;
      item->swatch.x1 = x + sw - (sw > 0 ? LEGEND_SWATCH_GAP : 0);
      item->swatch.y0 = y + (LEGEND_LINE - LEGEND_SWATCH_H) / 2;
      item->swatch.y1 = item->swatch.y0 + LEGEND_SWATCH_H;
      item->text_x = x + sw;
      item->text_width = tw;
      x += w + LEGEND_GAP;
    }
  return lines;
}

/* Places the legend from top; with a cap on the lines, the last stage
 * colours give way to "+N more".  Returns the height. */
static double
place_legend (WflGanttLayout *self,
              double          top)
{
  guint max_lines = self->options.legend_lines;
  guint lines = flow_legend (self, top);
  guint n_stages = 0, hidden = 0;

  while (n_stages < self->legend_items->len &&
         g_array_index (self->legend_items, WflGanttLegendItem, n_stages).kind == WFL_GANTT_LEGEND_STAGE)
    n_stages++;

  while (max_lines > 0 && lines > max_lines && n_stages > 0)
    {
      WflGanttLegendItem *more;

      g_array_remove_index (self->legend_items, n_stages - 1);
      n_stages--;
      /* "+N more" goes right after the stage colours. */
      if (hidden++ == 0)
        {
          WflGanttLegendItem fresh = { WFL_GANTT_LEGEND_MORE, 0, NULL, { 0 }, 0, 0 };

          g_array_insert_val (self->legend_items, n_stages, fresh);
        }
      more = &g_array_index (self->legend_items, WflGanttLegendItem, n_stages);
      more->index = hidden;
      g_free (more->label);
      /* Translators: stands for stage colours left out of the Gantt's key. */
      more->label = g_strdup_printf (_("+%u more"), hidden);
      lines = flow_legend (self, top);
    }

  return lines == 0 ? 0 : lines * LEGEND_LINE + LEGEND_PADDING;
}

/* ---- Rows, bars, arrows ---------------------------------------------- */

static void
row_box_clear (gpointer data)
{
  WflGanttRowBox *box = data;

  g_clear_pointer (&box->bars, g_array_unref);
  g_clear_pointer (&box->markers, g_array_unref);
}

static void
build_rows (WflGanttLayout *self)
{
  const WflGanttChart *chart = self->chart;

  self->rows = g_array_sized_new (FALSE, TRUE, sizeof (WflGanttRowBox), chart->rows->len);
  g_array_set_clear_func (self->rows, row_box_clear);

  for (guint r = 0; r < chart->rows->len; r++)
    {
      const WflGanttRow *row = g_ptr_array_index (chart->rows, r);
      WflGanttRowBox box;
      double cy;

      box.y0 = self->body.y0 + r * self->row_height - self->scroll_y;
      box.y1 = box.y0 + self->row_height;
      box.bars = g_array_sized_new (FALSE, FALSE, sizeof (WflGanttBarBox), row->bars->len);
      box.markers = g_array_sized_new (FALSE, FALSE, sizeof (WflGanttMarkerBox), row->markers->len);
      cy = (box.y0 + box.y1) / 2;

      for (guint i = 0; i < row->bars->len; i++)
        {
          const WflGanttBar *bar = &g_array_index (row->bars, WflGanttBar, i);
          WflGanttBarBox bb;
          double h = self->bar_height;

          /* Waits, queues and the wait for allocation are drawn thinner
           * than work. */
          if (bar->kind == WFL_GANTT_BAR_WAIT || bar->kind == WFL_GANTT_BAR_QUEUE ||
              bar->kind == WFL_GANTT_BAR_ALLOCATION)
            h *= 0.7;
          bb.rect.x0 = wfl_gantt_layout_x_of_week (self, bar->start);
          bb.rect.x1 = wfl_gantt_layout_x_of_week (self, bar->end);
          bb.rect.y0 = cy - h / 2;
          bb.rect.y1 = cy + h / 2;
          bb.slack_x1 = isfinite (bar->slack) && bar->slack > 0
                        ? wfl_gantt_layout_x_of_week (self, bar->end + bar->slack)
                        : bb.rect.x1;
          g_array_append_val (box.bars, bb);
        }

      for (guint i = 0; i < row->markers->len; i++)
        {
          const WflGanttMarker *m = &g_array_index (row->markers, WflGanttMarker, i);
          WflGanttMarkerBox mb;

          mb.x = wfl_gantt_layout_x_of_week (self, m->week);
          mb.y = cy;
          mb.size = self->bar_height * 0.45;
          /* "Placed" points down onto the top of the bars: y is its tip,
           * and the triangle (1.1 size tall) stays inside its row, off
           * the boundary with the row above. */
          if (m->kind == WFL_GANTT_MARKER_PLACED)
            {
              mb.y = cy - self->bar_height / 2 + 1;
              mb.size = MIN (mb.size, ((self->row_height - self->bar_height) / 2) / 1.1);
            }
          g_array_append_val (box.markers, mb);
        }

      g_array_append_val (self->rows, box);
    }
}

/* A milestone (zero-length bar) is drawn as a diamond of this half size. */
static double
milestone_size (const WflGanttLayout *self)
{
  return self->bar_height * 0.5;
}

static void
arrow_add_point (WflGanttArrow *arrow,
                 double         x,
                 double         y)
{
  if (arrow->n_points < WFL_GANTT_ARROW_MAX_POINTS)
    {
      arrow->x[arrow->n_points] = x;
      arrow->y[arrow->n_points] = y;
      arrow->n_points++;
    }
}

static void
build_arrows (WflGanttLayout *self)
{
  const WflGanttChart *chart = self->chart;

  self->arrows = g_array_sized_new (FALSE, TRUE, sizeof (WflGanttArrow), chart->dependencies->len);

  for (guint i = 0; i < chart->dependencies->len; i++)
    {
      const WflGanttDependency *dep = &g_array_index (chart->dependencies, WflGanttDependency, i);
      WflGanttArrow arrow = { 0 };
      const WflGanttRowBox *from_row, *to_row;
      const WflGanttBarBox *from, *to;
      double fx, fy, tx0, tx1, ty, half, entry;
      gboolean to_milestone, down;

      arrow.critical = dep->critical;
      if (dep->from_row >= self->rows->len || dep->to_row >= self->rows->len)
        {
          g_array_append_val (self->arrows, arrow);
          continue;
        }
      from_row = &g_array_index (self->rows, WflGanttRowBox, dep->from_row);
      to_row = &g_array_index (self->rows, WflGanttRowBox, dep->to_row);
      if (dep->from_bar >= from_row->bars->len || dep->to_bar >= to_row->bars->len)
        {
          g_array_append_val (self->arrows, arrow);
          continue;
        }
      from = &g_array_index (from_row->bars, WflGanttBarBox, dep->from_bar);
      to = &g_array_index (to_row->bars, WflGanttBarBox, dep->to_bar);

      fx = from->rect.x1;
      if (from->rect.x1 - from->rect.x0 < 0.5)
        fx += milestone_size (self);
      fy = (from->rect.y0 + from->rect.y1) / 2;
      tx0 = to->rect.x0;
      tx1 = to->rect.x1;
      ty = (to->rect.y0 + to->rect.y1) / 2;
      to_milestone = tx1 - tx0 < 0.5;
      half = to_milestone ? milestone_size (self) : (to->rect.y1 - to->rect.y0) / 2;
      down = ty >= fy;
      entry = to_milestone ? tx0 : tx0 + MIN (ARROW_STUB, (tx1 - tx0) / 2);

      if (from->rect.x1 - from->rect.x0 < 0.5 && dep->from_row != dep->to_row &&
          tx0 >= from->rect.x0 - 0.5 && tx0 <= from->rect.x0 + milestone_size (self) + 2)
        {
          /* From a milestone to what starts right under it: straight
           * down (or up) from the diamond's tip. */
          double ms = milestone_size (self);

          arrow_add_point (&arrow, from->rect.x0, down ? fy + ms : fy - ms);
          arrow_add_point (&arrow, from->rect.x0, down ? ty - half : ty + half);
          g_array_append_val (self->arrows, arrow);
          continue;
        }
      if (to_milestone && fabs (tx0 - from->rect.x1) < 0.5 && dep->from_row != dep->to_row)
        {
          /* A milestone right at the predecessor's end: straight down
           * from the bar's end onto the diamond. */
          arrow_add_point (&arrow, tx0, down ? from->rect.y1 : from->rect.y0);
          arrow_add_point (&arrow, tx0, down ? ty - half : ty + half);
          g_array_append_val (self->arrows, arrow);
          continue;
        }

      arrow_add_point (&arrow, fx, fy);
      if (entry >= fx + 2 && dep->from_row != dep->to_row)
        {
          /* Across, then down (or up) onto the successor's start. */
          arrow_add_point (&arrow, entry, fy);
          arrow_add_point (&arrow, entry, down ? ty - half : ty + half);
        }
      else
        {
          /* The successor starts before the predecessor ends (or on its
           * own row): loop around through the gap between the rows. */
          double gap_y = down ? to_row->y0 : to_row->y1;
          double out_x = fx + ARROW_STUB;
          double in_x = (to_milestone ? tx0 - milestone_size (self) : tx0) - ARROW_STUB;

          if (dep->from_row == dep->to_row)
            gap_y = to_row->y1 - 1;
          arrow_add_point (&arrow, out_x, fy);
          arrow_add_point (&arrow, out_x, gap_y);
          arrow_add_point (&arrow, in_x, gap_y);
          arrow_add_point (&arrow, in_x, ty);
          arrow_add_point (&arrow, to_milestone ? tx0 - milestone_size (self) : tx0, ty);
        }
      g_array_append_val (self->arrows, arrow);
    }
}

/* ---- The layout ------------------------------------------------------ */

/* The widest label of an orders chart and the widest customer name of
 * its group column.  Grouped (wfl-gantt-groups.c), a header's name is in
 * bold after its disclosure triangle and its orders are indented as far;
 * the headers name the groups, so there is no group column. */
static void
measure_order_labels (const WflGanttChart         *chart,
                      const WflGanttLayoutOptions *options,
                      double                      *label_w,
                      double                      *group_w)
{
  gboolean grouped = FALSE;

  for (guint r = 0; r < chart->rows->len && !grouped; r++)
    grouped = ((const WflGanttRow *) g_ptr_array_index (chart->rows, r))->header;
  for (guint r = 0; r < chart->rows->len; r++)
    {
      const WflGanttRow *row = g_ptr_array_index (chart->rows, r);

      *label_w = MAX (*label_w, measure (options, row->label, row->header) + (grouped ? WFL_GANTT_GROUP_INDENT : 0));
      if (!grouped && row->group != NULL && (r == 0 || g_strcmp0 (row->group,
          ((const WflGanttRow *) g_ptr_array_index (chart->rows, r - 1))->group) != 0))
        *group_w = MAX (*group_w, measure (options, row->group, TRUE));
    }
}

WflGanttLayout *
wfl_gantt_layout_new (WflGanttChart               *chart,
                      const WflGanttLayoutOptions *options)
{
  WflGanttLayout *self;
  WflGanttLayoutOptions defaults;
  double first, last, label_width = 0, avail, legend_height = 0, body_height;

  g_return_val_if_fail (chart != NULL, NULL);

  if (options == NULL)
    {
      wfl_gantt_layout_options_init (&defaults);
      options = &defaults;
    }

  self = g_new0 (WflGanttLayout, 1);
  self->chart = wfl_gantt_chart_ref (chart);
  self->options = *options;
  self->width = MAX (options->width, 1);
  self->row_height = options->row_height > 0 ? options->row_height : DEFAULT_ROW_HEIGHT;
  self->bar_height = round (self->row_height * BAR_FRACTION);
  self->tier_height = TIER_HEIGHT;

  /* The label column fits the longest label and its group, within a
   * share of the width.  Orders show their customer once, in a column of
   * its own at the left; the customer column gives way first. */
  if (chart->mode == WFL_GANTT_MODE_ORDERS)
    {
      double group_w = 0, label_w = 0, cap;

      measure_order_labels (chart, options, &label_w, &group_w);
      label_width = label_w + (group_w > 0 ? group_w + GROUP_GAP : 0);
      label_width = ceil (label_width + 2 * LABEL_PADDING);
      cap = MAX (MIN_LABEL_WIDTH, floor (self->width * MAX_LABEL_FRACTION));
      label_width = MIN (label_width, cap);
      if (group_w > 0)
        self->group_width = CLAMP (label_width - 2 * LABEL_PADDING - GROUP_GAP - label_w,
                                   MIN (group_w, 0.5 * (label_width - 2 * LABEL_PADDING)), group_w);
    }
  else
    {
      for (guint r = 0; r < chart->rows->len; r++)
        {
          const WflGanttRow *row = g_ptr_array_index (chart->rows, r);
          double w = measure (options, row->label, row->critical);

          if (row->group != NULL && *row->group != '\0')
            w += GROUP_GAP + measure (options, row->group, FALSE);
          label_width = MAX (label_width, w);
        }
      label_width = ceil (label_width + 2 * LABEL_PADDING);
    }
  label_width = MAX (label_width, MIN_LABEL_WIDTH);
  label_width = MIN (label_width, floor (self->width * MAX_LABEL_FRACTION));

  /* Zoom: fit the range into the width (less a margin on the right for
   * the lateness notes), or the level's own scale. */
  avail = self->width - label_width - RIGHT_MARGIN;
  for (guint r = 0; r < chart->rows->len; r++)
    {
      g_autofree char *late = wfl_gantt_row_format_lateness (g_ptr_array_index (chart->rows, r));
      g_autofree char *slip = wfl_gantt_row_format_slip (g_ptr_array_index (chart->rows, r));
      double notes = (late != NULL ? 10 + measure (options, late, FALSE) * 0.85 : 0) +
                     (slip != NULL ? 10 + measure (options, slip, FALSE) * 0.85 : 0);

      if (notes > 0)
        avail = MIN (avail, self->width - label_width - RIGHT_MARGIN - notes);
    }
  avail = MAX (1, avail);

  /* The time range: as asked, or fitted to the data (bars, placed, due
   * and filled, the as-of line) with just enough room at the ends for a
   * marker: a margin in pixels, not in weeks, so that no empty periods
   * show at the ends of a long range. */
  wfl_gantt_chart_get_extent (chart, &first, &last);
  if (!(last > first))
    last = first + 1;
  {
    double from = isfinite (options->from) ? options->from : first;
    double to = isfinite (options->to) ? options->to : last;
    double margins = (isfinite (options->from) ? 0 : EDGE_MARGIN) + (isfinite (options->to) ? 0 : EDGE_MARGIN);

    if (!(to > from))
      to = from + 1;
    if (options->fit)
      {
        self->px_per_week = MAX (avail - margins, 0.5 * avail) / (to - from);
        self->zoom = wfl_gantt_zoom_for_fit (self->px_per_week);
      }
    else
      {
        self->zoom = CLAMP (options->zoom, WFL_ZOOM_WEEK, WFL_ZOOM_YEAR);
        self->px_per_week = wfl_gantt_zoom_px_per_week (self->zoom);
      }
    self->from = isfinite (options->from) ? from : from - EDGE_MARGIN / self->px_per_week;
    self->to = isfinite (options->to) ? to : to + EDGE_MARGIN / self->px_per_week;
  }
  self->content_width = (self->to - self->from) * self->px_per_week;
  self->content_height = chart->rows->len * self->row_height;

  /* Areas. */
  build_legend_items (self);
  if (options->legend)
    legend_height = place_legend (self, 0);

  if (options->height > 0)
    {
      self->height = options->height;
      body_height = MAX (0, self->height - 2 * TIER_HEIGHT - legend_height);
    }
  else
    {
      body_height = self->content_height;
      self->height = 2 * TIER_HEIGHT + body_height + legend_height;
    }

  self->header = (WflGanttRect) { label_width, 0, self->width, 2 * TIER_HEIGHT };
  self->labels = (WflGanttRect) { 0, 2 * TIER_HEIGHT, label_width, 2 * TIER_HEIGHT + body_height };
  self->body = (WflGanttRect) { label_width, 2 * TIER_HEIGHT, self->width, 2 * TIER_HEIGHT + body_height };
  self->legend = (WflGanttRect) { 0, self->body.y1, self->width, self->body.y1 + legend_height };
  self->label_x = self->labels.x0 + LABEL_PADDING + (self->group_width > 0 ? self->group_width + GROUP_GAP : 0);

  /* Place the legend for real, below the body. */
  if (options->legend)
    place_legend (self, self->legend.y0);

  /* Scrolling, clamped to the content. */
  self->scroll_x = CLAMP (options->scroll_x, 0, MAX (0, self->content_width - (self->body.x1 - self->body.x0)));
  self->scroll_y = CLAMP (options->scroll_y, 0, MAX (0, self->content_height - (self->body.y1 - self->body.y0)));

  build_tiers (self);
  build_rows (self);
  build_arrows (self);

  self->as_of_x = isfinite (chart->as_of) ? wfl_gantt_layout_x_of_week (self, chart->as_of) : NAN;

  return self;
}

void
wfl_gantt_layout_free (WflGanttLayout *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->major, g_array_unref);
  g_clear_pointer (&self->minor, g_array_unref);
  g_clear_pointer (&self->rows, g_array_unref);
  g_clear_pointer (&self->arrows, g_array_unref);
  g_clear_pointer (&self->legend_items, g_array_unref);
  g_clear_pointer (&self->chart, wfl_gantt_chart_unref);
  g_free (self);
}

static void
shift_cells (GArray *cells,
             double  dx)
{
  for (guint i = 0; i < cells->len; i++)
    {
      WflGanttCell *c = &g_array_index (cells, WflGanttCell, i);

      c->x0 += dx;
      c->x1 += dx;
    }
}

void
wfl_gantt_layout_set_scroll (WflGanttLayout *self,
                             double          scroll_x,
                             double          scroll_y)
{
  double dx, dy;

  g_return_if_fail (self != NULL);

  scroll_x = CLAMP (scroll_x, 0, MAX (0, self->content_width - (self->body.x1 - self->body.x0)));
  scroll_y = CLAMP (scroll_y, 0, MAX (0, self->content_height - (self->body.y1 - self->body.y0)));
  dx = self->scroll_x - scroll_x;
  dy = self->scroll_y - scroll_y;
  self->scroll_x = self->options.scroll_x = scroll_x;
  self->scroll_y = self->options.scroll_y = scroll_y;
  if (dx == 0 && dy == 0)
    return;

  for (guint r = 0; r < self->rows->len; r++)
    {
      WflGanttRowBox *box = &g_array_index (self->rows, WflGanttRowBox, r);

      box->y0 += dy;
      box->y1 += dy;
      for (guint i = 0; i < box->bars->len; i++)
        {
          WflGanttBarBox *bb = &g_array_index (box->bars, WflGanttBarBox, i);

          bb->rect.x0 += dx;
          bb->rect.x1 += dx;
          bb->rect.y0 += dy;
          bb->rect.y1 += dy;
          bb->slack_x1 += dx;
        }
      for (guint i = 0; i < box->markers->len; i++)
        {
          WflGanttMarkerBox *mb = &g_array_index (box->markers, WflGanttMarkerBox, i);

          mb->x += dx;
          mb->y += dy;
        }
    }
  for (guint i = 0; i < self->arrows->len; i++)
    {
      WflGanttArrow *a = &g_array_index (self->arrows, WflGanttArrow, i);

      for (guint k = 0; k < a->n_points; k++)
        {
          a->x[k] += dx;
          a->y[k] += dy;
        }
    }
  shift_cells (self->major, dx);
  shift_cells (self->minor, dx);
  if (isfinite (self->as_of_x))
    self->as_of_x += dx;
}

double
wfl_gantt_layout_x_of_week (const WflGanttLayout *self,
                            double                week)
{
  return self->body.x0 + (week - self->from) * self->px_per_week - self->scroll_x;
}

double
wfl_gantt_layout_week_of_x (const WflGanttLayout *self,
                            double                x)
{
  return self->from + (x - self->body.x0 + self->scroll_x) / self->px_per_week;
}

/* ---- Hit-testing ----------------------------------------------------- */

gboolean
wfl_gantt_hit_equal (const WflGanttHit *a,
                     const WflGanttHit *b)
{
  return a->kind == b->kind && a->row == b->row && a->index == b->index;
}

WflGanttHit
wfl_gantt_layout_hit_test (const WflGanttLayout *self,
                           double                x,
                           double                y)
{
  WflGanttHit hit = { WFL_GANTT_HIT_NONE, -1, -1 };
  const WflGanttRowBox *box;
  const WflGanttRow *row;
  int r;

  if (y < self->body.y0 || y >= self->body.y1 || x < 0 || x >= self->width)
    return hit;

  r = (int) floor ((y - self->body.y0 + self->scroll_y) / self->row_height);
  if (r < 0 || r >= (int) self->rows->len)
    return hit;

  box = &g_array_index (self->rows, WflGanttRowBox, r);
  row = g_ptr_array_index (self->chart->rows, r);
  hit.kind = WFL_GANTT_HIT_ROW;
  hit.row = r;

  if (x < self->body.x0)
    return hit;

  /* Markers sit on top of bars: test them first, the last drawn first. */
  for (int i = (int) box->markers->len - 1; i >= 0; i--)
    {
      const WflGanttMarkerBox *m = &g_array_index (box->markers, WflGanttMarkerBox, i);

      double my = m->y;

      /* "Placed" is a triangle above its point. */
      if (g_array_index (row->markers, WflGanttMarker, i).kind == WFL_GANTT_MARKER_PLACED)
        my -= m->size * 0.55;
      if (fabs (x - m->x) + fabs (y - my) <= m->size + HIT_SLOP)
        {
          hit.kind = WFL_GANTT_HIT_MARKER;
          hit.index = i;
          return hit;
        }
    }

  for (int i = (int) row->bars->len - 1; i >= 0; i--)
    {
      const WflGanttBarBox *b = &g_array_index (box->bars, WflGanttBarBox, i);
      double x0 = b->rect.x0, x1 = b->rect.x1;
      double y0 = b->rect.y0, y1 = b->rect.y1;

      if (x1 - x0 < 0.5)
        {
          double s = milestone_size (self);
          double cy = (y0 + y1) / 2;

          if (fabs (x - x0) + fabs (y - cy) <= s + HIT_SLOP)
            {
              hit.kind = WFL_GANTT_HIT_BAR;
              hit.index = i;
              return hit;
            }
          continue;
        }
      if (x >= x0 - HIT_SLOP && x <= x1 + HIT_SLOP && y >= y0 - HIT_SLOP && y <= y1 + HIT_SLOP)
        {
          hit.kind = WFL_GANTT_HIT_BAR;
          hit.index = i;
          return hit;
        }
    }

  return hit;
}

/* ---- JSON ------------------------------------------------------------ */

static void
json_date (WflJson    *json,
           const char *key,
           WflDate     date)
{
  g_autofree char *text = wfl_date_format (date);

  wfl_json_key (json, key);
  wfl_json_string (json, text);
}

static void
json_rect (WflJson            *json,
           const WflGanttRect *rect)
{
  wfl_json_key (json, "x0");
  wfl_json_number (json, rect->x0);
  wfl_json_key (json, "y0");
  wfl_json_number (json, rect->y0);
  wfl_json_key (json, "x1");
  wfl_json_number (json, rect->x1);
  wfl_json_key (json, "y1");
  wfl_json_number (json, rect->y1);
}

static void
json_tier (WflJson      *json,
           const char   *key,
           const GArray *cells)
{
  wfl_json_key (json, key);
  wfl_json_begin_array (json);
  for (guint i = 0; i < cells->len; i++)
    {
      const WflGanttCell *cell = &g_array_index (cells, WflGanttCell, i);

      wfl_json_begin_object (json);
      wfl_json_key (json, "label");
      wfl_json_string (json, cell->label);
      json_date (json, "date", cell->date);
      wfl_json_key (json, "x0");
      wfl_json_number (json, cell->x0);
      wfl_json_key (json, "x1");
      wfl_json_number (json, cell->x1);
      wfl_json_end_object (json);
    }
  wfl_json_end_array (json);
}

/* An order's quantity and its weeks per category (docs/model.md). */
static void
json_order_timeline (WflJson           *json,
                     const WflGanttRow *row)
{
  static const char *const names[WFL_N_TIMELINE] = {
    [WFL_TIMELINE_ALLOCATION] = "allocation",
    [WFL_TIMELINE_STOCK] = "stock",
    [WFL_TIMELINE_WORK] = "work",
    [WFL_TIMELINE_WAIT] = "wait",
    [WFL_TIMELINE_TRANSIT] = "transit",
  };

  wfl_json_key (json, "quantity");
  wfl_json_number (json, row->quantity);
  wfl_json_key (json, "unit");
  if (row->unit != NULL)
    wfl_json_string (json, row->unit);
  else
    wfl_json_null (json);
  wfl_json_key (json, "timeline_weeks");
  wfl_json_begin_object (json);
  for (int c = 0; c < WFL_N_TIMELINE; c++)
    {
      wfl_json_key (json, names[c]);
      wfl_json_number (json, row->timeline[c]);
    }
  wfl_json_end_object (json);
}

/* One row of the chart: its bars and markers with their boxes. */
static void
json_row (WflJson              *json,
          const WflGanttLayout *self,
          guint                 r)
{
  const WflGanttChart *chart = self->chart;
  const WflGanttRow *row = g_ptr_array_index (chart->rows, r);
  const WflGanttRowBox *box = &g_array_index (self->rows, WflGanttRowBox, r);

  wfl_json_begin_object (json);
  wfl_json_key (json, "id");
  wfl_json_string (json, row->id);
  wfl_json_key (json, "label");
  wfl_json_string (json, row->label);
  wfl_json_key (json, "group");
  if (row->group != NULL)
    wfl_json_string (json, row->group);
  else
    wfl_json_null (json);
  if (row->header)
    {
      /* A group's header row (wfl_gantt_chart_group_rows()). */
      wfl_json_key (json, "header");
      wfl_json_boolean (json, TRUE);
      wfl_json_key (json, "collapsed");
      wfl_json_boolean (json, row->collapsed);
      wfl_json_key (json, "orders");
      wfl_json_int (json, row->n_members);
      wfl_json_key (json, "late_orders");
      wfl_json_int (json, row->n_late);
    }
  wfl_json_key (json, "late");
  wfl_json_boolean (json, row->late);
  wfl_json_key (json, "lateness_weeks");
  wfl_json_number (json, row->lateness);
  wfl_json_key (json, "critical");
  wfl_json_boolean (json, row->critical);
  if (chart->mode == WFL_GANTT_MODE_ORDERS)
    json_order_timeline (json, row);
  if (row->ghost != NULL)
    {
      /* Compared with a baseline: its bars, and the slip in weeks (null
       * when filled in one of the two only). */
      wfl_json_key (json, "slip_weeks");
      wfl_json_number (json, isfinite (row->slip) ? row->slip : NAN);
      wfl_json_key (json, "baseline_bars");
      wfl_json_begin_array (json);
      for (guint i = 0; i < row->ghost->len; i++)
        {
          const WflGanttSpan *g = &g_array_index (row->ghost, WflGanttSpan, i);

          wfl_json_begin_object (json);
          wfl_json_key (json, "start_week");
          wfl_json_number (json, g->start);
          wfl_json_key (json, "end_week");
          wfl_json_number (json, g->end);
          wfl_json_key (json, "kind");
          wfl_json_string (json, wfl_gantt_bar_kind_to_string (g->kind));
          wfl_json_end_object (json);
        }
      wfl_json_end_array (json);
    }
  wfl_json_key (json, "y0");
  wfl_json_number (json, box->y0);
  wfl_json_key (json, "y1");
  wfl_json_number (json, box->y1);

  wfl_json_key (json, "bars");
  wfl_json_begin_array (json);
  for (guint i = 0; i < row->bars->len; i++)
    {
      const WflGanttBar *bar = &g_array_index (row->bars, WflGanttBar, i);
      const WflGanttBarBox *bb = &g_array_index (box->bars, WflGanttBarBox, i);

      wfl_json_begin_object (json);
      wfl_json_key (json, "stage");
      wfl_json_string (json, bar->stage);
      wfl_json_key (json, "label");
      wfl_json_string (json, bar->label);
      json_date (json, "start", wfl_gantt_chart_date_of_week (chart, bar->start));
      json_date (json, "end", wfl_gantt_chart_date_of_week (chart, bar->end));
      wfl_json_key (json, "start_week");
      wfl_json_number (json, bar->start);
      wfl_json_key (json, "end_week");
      wfl_json_number (json, bar->end);
      wfl_json_key (json, "kind");
      wfl_json_string (json, wfl_gantt_bar_kind_to_string (bar->kind));
      wfl_json_key (json, "critical");
      wfl_json_boolean (json, bar->critical);
      wfl_json_key (json, "slack_weeks");
      wfl_json_number (json, bar->slack);
      if (bar->note != NULL)
        {
          wfl_json_key (json, "note");
          wfl_json_string (json, bar->note);
        }
      json_rect (json, &bb->rect);
      wfl_json_end_object (json);
    }
  wfl_json_end_array (json);

  wfl_json_key (json, "markers");
  wfl_json_begin_array (json);
  for (guint i = 0; i < row->markers->len; i++)
    {
      const WflGanttMarker *m = &g_array_index (row->markers, WflGanttMarker, i);
      const WflGanttMarkerBox *mb = &g_array_index (box->markers, WflGanttMarkerBox, i);

      wfl_json_begin_object (json);
      wfl_json_key (json, "kind");
      wfl_json_string (json, wfl_gantt_marker_kind_to_string (m->kind));
      json_date (json, "date", wfl_gantt_chart_date_of_week (chart, m->week));
      wfl_json_key (json, "week");
      wfl_json_number (json, m->week);
      wfl_json_key (json, "x");
      wfl_json_number (json, mb->x);
      wfl_json_key (json, "y");
      wfl_json_number (json, mb->y);
      wfl_json_end_object (json);
    }
  wfl_json_end_array (json);
  wfl_json_end_object (json);
}

/* One dependency and the points of its arrow. */
static void
json_dependency (WflJson              *json,
                 const WflGanttLayout *self,
                 guint                 i)
{
  const WflGanttDependency *dep = &g_array_index (self->chart->dependencies, WflGanttDependency, i);
  const WflGanttArrow *arrow = &g_array_index (self->arrows, WflGanttArrow, i);

  wfl_json_begin_object (json);
  wfl_json_key (json, "from_row");
  wfl_json_int (json, dep->from_row);
  wfl_json_key (json, "from_bar");
  wfl_json_int (json, dep->from_bar);
  wfl_json_key (json, "to_row");
  wfl_json_int (json, dep->to_row);
  wfl_json_key (json, "to_bar");
  wfl_json_int (json, dep->to_bar);
  wfl_json_key (json, "critical");
  wfl_json_boolean (json, dep->critical);
  wfl_json_key (json, "points");
  wfl_json_begin_array (json);
  for (guint k = 0; k < arrow->n_points; k++)
    {
      wfl_json_begin_array (json);
      wfl_json_number (json, arrow->x[k]);
      wfl_json_number (json, arrow->y[k]);
      wfl_json_end_array (json);
    }
  wfl_json_end_array (json);
  wfl_json_end_object (json);
}

char *
wfl_gantt_layout_to_json (const WflGanttLayout *self,
                          gsize                *length)
{
  const WflGanttChart *chart = self->chart;
  WflJson *json = wfl_json_new ();

  wfl_json_begin_object (json);
  wfl_json_key (json, "chart");
  wfl_json_string (json, "gantt");
  wfl_json_key (json, "mode");
  wfl_json_string (json, wfl_gantt_mode_to_string (chart->mode));
  if (chart->title != NULL)
    {
      wfl_json_key (json, "title");
      wfl_json_string (json, chart->title);
    }
  json_date (json, "calendar_start", chart->start);
  json_date (json, "from", wfl_gantt_chart_date_of_week (chart, self->from));
  json_date (json, "to", wfl_gantt_chart_date_of_week (chart, self->to));
  wfl_json_key (json, "zoom");
  wfl_json_string (json, wfl_zoom_to_string (self->zoom));
  wfl_json_key (json, "width");
  wfl_json_number (json, self->width);
  wfl_json_key (json, "height");
  wfl_json_number (json, self->height);
  wfl_json_key (json, "px_per_week");
  wfl_json_number (json, self->px_per_week);
  wfl_json_key (json, "as_of");
  if (isfinite (chart->as_of))
    {
      wfl_json_begin_object (json);
      json_date (json, "date", wfl_gantt_chart_date_of_week (chart, chart->as_of));
      wfl_json_key (json, "week");
      wfl_json_number (json, chart->as_of);
      wfl_json_key (json, "x");
      wfl_json_number (json, self->as_of_x);
      wfl_json_end_object (json);
    }
  else
    wfl_json_null (json);

  wfl_json_key (json, "header");
  wfl_json_begin_object (json);
  json_tier (json, "major", self->major);
  json_tier (json, "minor", self->minor);
  wfl_json_end_object (json);

  wfl_json_key (json, "rows");
  wfl_json_begin_array (json);
  for (guint r = 0; r < chart->rows->len; r++)
    json_row (json, self, r);
  wfl_json_end_array (json);

  wfl_json_key (json, "dependencies");
  wfl_json_begin_array (json);
  for (guint i = 0; i < chart->dependencies->len; i++)
    json_dependency (json, self, i);
  wfl_json_end_array (json);
  wfl_json_end_object (json);

  return wfl_json_free (json, length);
}

#define TEXT_PAD 4.0   /* between a text and the end of its bar or a marker */

gboolean
wfl_gantt_layout_duration_x (const WflGanttLayout *self,
                             const WflGanttRowBox *box,
                             guint                 bar,
                             double                tw,
                             double               *x)
{
  const WflGanttRect *r;
  double cuts[16], best_x0 = 0, best_w = -1;
  guint n = 0;

  g_return_val_if_fail (self != NULL && box != NULL && bar < box->bars->len, FALSE);

  r = &g_array_index (box->bars, WflGanttBarBox, bar).rect;
  /* The bar split at every diamond over it, each with room around it. */
  cuts[n++] = r->x0;
  for (guint i = 0; i < box->markers->len && n + 2 < G_N_ELEMENTS (cuts); i++)
    {
      const WflGanttMarkerBox *mb = &g_array_index (box->markers, WflGanttMarkerBox, i);

      if (mb->x + mb->size <= r->x0 || mb->x - mb->size >= r->x1 ||
          mb->y + mb->size < r->y0 || mb->y - mb->size > r->y1)
        continue;
      cuts[n++] = mb->x - mb->size;
      cuts[n++] = mb->x + mb->size;
    }
  cuts[n++] = r->x1;
  if (n == 2 && tw + 2 * TEXT_PAD <= r->x1 - r->x0)
    {
      *x = round ((r->x0 + r->x1 - tw) / 2);
      return TRUE;
    }
  /* Sorted pairs of free spans: (x0, x1), (marker end, next marker start) … */
  for (guint i = 1; i < n; i++)
    for (guint j = i; j > 0 && cuts[j - 1] > cuts[j]; j--)
      {
        double t = cuts[j];

        cuts[j] = cuts[j - 1];
        cuts[j - 1] = t;
      }
  for (guint i = 0; i + 1 < n; i += 2)
    if (cuts[i + 1] - cuts[i] > best_w)
      {
        best_w = cuts[i + 1] - cuts[i];
        best_x0 = cuts[i];
      }
  if (best_w < tw + 2 * TEXT_PAD)
    return FALSE;
  *x = round (best_x0 + (best_w - tw) / 2);
  return TRUE;
}

double
wfl_gantt_layout_lateness_x (const WflGanttLayout *self,
                             double                after_x,
                             double                tw)
{
  double x = after_x + 10;
  /* The right end of the time range (not of the part in view: a row
   * scrolled away keeps its text by its bars). */
  double right = self->body.x0 + MAX (self->content_width, self->body.x1 - self->body.x0) - self->scroll_x;

  g_return_val_if_fail (self != NULL, after_x);

  if (x + tw > right - TEXT_PAD)
    x = right - TEXT_PAD - tw;
  return x;
}
