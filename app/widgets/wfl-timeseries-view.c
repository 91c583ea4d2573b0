/* wfl-timeseries-view.c: a time series chart on screen
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wfl-timeseries-view"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "wfl-quantity.h"
#include "wfl-timeseries-view.h"
#include "wfl-widget-style.h"

/* The chart as the exports paint it (wfl_timeseries_render()), in the
 * widget's colours, with a rule and the values of the week under the
 * pointer.  The keyboard moves that week (Left and Right, Shift for four
 * weeks, Home and End), and the widget's accessible description says its
 * values, so that a screen reader reads the series week by week. */

struct _WflTimeSeriesView
{
  GtkWidget      parent_instance;
  WflTimeSeries *series;
  char          *placeholder;
  int            hover_week;
};

G_DEFINE_FINAL_TYPE (WflTimeSeriesView, wfl_timeseries_view, GTK_TYPE_WIDGET)

static void
update_accessible (WflTimeSeriesView *self)
{
  const WflTimeSeries *s = self->series;
  g_autoptr(GString) text = g_string_new (NULL);

  if (s == NULL)
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      self->placeholder != NULL ? self->placeholder : _("Time series"),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "", -1);
      return;
    }
  if (self->hover_week >= 0 && self->hover_week < s->n_weeks)
    {
      g_autofree char *date = wfl_date_format (wfl_date_of_week (s->start, self->hover_week));

      /* Translators: the chart's description for a screen reader: a week's first day */
      g_string_append_printf (text, _("Week of %s"), date);
      for (guint i = 0; i < s->lines->len; i++)
        {
          const WflTimeSeriesLine *line = s->lines->pdata[i];
          double v = line->values[self->hover_week];
          g_autofree char *value = !isfinite (v) ? g_strdup (_("none"))
                                   : s->kind == WFL_TIMESERIES_LEAD_TIME
                                   ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d week", "%d weeks", (gulong) v), (int) v)
                                   : wfl_quantity_format (v, s->unit);

          g_string_append_printf (text, ", %s: %s", line->label, value);
        }
    }
  else
    g_string_append (text, _("Left and Right move through the weeks"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, s->title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text->str, -1);
}

static void
wfl_timeseries_view_snapshot (GtkWidget   *widget,
                              GtkSnapshot *snapshot)
{
  WflTimeSeriesView *self = WFL_TIMESERIES_VIEW (widget);
  double width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  WflChartStyle style;
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;
  wfl_chart_style_init_for_widget (&style, widget);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (self->series != NULL)
    wfl_timeseries_render (self->series, cr, width, height, &style, self->hover_week);
  else if (self->placeholder != NULL)
    {
      PangoLayout *layout = gtk_widget_create_pango_layout (widget, self->placeholder);
      int w, h;

      pango_layout_set_width (layout, (int) (MAX (width - 48, 1) * PANGO_SCALE));
      pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
      pango_layout_get_pixel_size (layout, &w, &h);
      cairo_set_source_rgba (cr, style.dim_foreground.r, style.dim_foreground.g, style.dim_foreground.b,
                             style.dim_foreground.a);
      cairo_move_to (cr, 24, (height - h) / 2);
      pango_cairo_show_layout (cr, layout);
      g_object_unref (layout);
    }
  cairo_destroy (cr);
  wfl_chart_style_clear (&style);
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           WflTimeSeriesView        *self)
{
  WflChartStyle style;

  if (self->series == NULL)
    return;
  wfl_chart_style_init_for_widget (&style, GTK_WIDGET (self));
  wfl_timeseries_view_set_hover_week (self, wfl_timeseries_week_at (self->series, &style,
                                                                    gtk_widget_get_width (GTK_WIDGET (self)),
                                                                    gtk_widget_get_height (GTK_WIDGET (self)), x));
  wfl_chart_style_clear (&style);
}

static void
leave_cb (GtkEventControllerMotion *controller,
          WflTimeSeriesView        *self)
{
  if (!gtk_widget_has_focus (GTK_WIDGET (self)))
    wfl_timeseries_view_set_hover_week (self, -1);
}

#define MOVE_FIRST (-1000000)
#define MOVE_LAST  1000000

/* Left, Right (Shift: four weeks), Home and End; the first press of an
 * arrow starts at the first week. */
static gboolean
move_cb (GtkWidget *widget,
         GVariant  *args,
         gpointer   user_data)
{
  WflTimeSeriesView *self = WFL_TIMESERIES_VIEW (widget);
  const WflTimeSeries *s = self->series;
  int step = g_variant_get_int32 (args), week;

  if (s == NULL)
    return FALSE;
  if (step == MOVE_FIRST)
    week = s->from_week;
  else if (step == MOVE_LAST)
    week = s->to_week;
  else
    week = self->hover_week >= 0 ? self->hover_week + step : s->from_week;
  wfl_timeseries_view_set_hover_week (self, CLAMP (week, s->from_week, s->to_week));
  return TRUE;
}

static void
wfl_timeseries_view_dispose (GObject *object)
{
  WflTimeSeriesView *self = WFL_TIMESERIES_VIEW (object);

  g_clear_pointer (&self->series, wfl_timeseries_free);
  g_clear_pointer (&self->placeholder, g_free);
  G_OBJECT_CLASS (wfl_timeseries_view_parent_class)->dispose (object);
}

static void
wfl_timeseries_view_class_init (WflTimeSeriesViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wfl_timeseries_view_dispose;
  widget_class->snapshot = wfl_timeseries_view_snapshot;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
  gtk_widget_class_set_css_name (widget_class, "timeseries");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Left, 0, move_cb, "i", -1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Left, 0, move_cb, "i", -1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Right, 0, move_cb, "i", 1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Right, 0, move_cb, "i", 1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Left, GDK_SHIFT_MASK, move_cb, "i", -4);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Right, GDK_SHIFT_MASK, move_cb, "i", 4);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Home, 0, move_cb, "i", MOVE_FIRST);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Home, 0, move_cb, "i", MOVE_FIRST);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_End, 0, move_cb, "i", MOVE_LAST);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_End, 0, move_cb, "i", MOVE_LAST);
}

static void
wfl_timeseries_view_init (WflTimeSeriesView *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();

  self->hover_week = -1;
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_size_request (GTK_WIDGET (self), 320, 220);
  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  update_accessible (self);
}

GtkWidget *
wfl_timeseries_view_new (void)
{
  return g_object_new (WFL_TYPE_TIMESERIES_VIEW, NULL);
}

void
wfl_timeseries_view_set_series (WflTimeSeriesView *self,
                                WflTimeSeries     *series)
{
  g_return_if_fail (WFL_IS_TIMESERIES_VIEW (self));

  g_clear_pointer (&self->series, wfl_timeseries_free);
  self->series = series;
  if (series == NULL || self->hover_week < series->from_week || self->hover_week > series->to_week)
    self->hover_week = -1;
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const WflTimeSeries *
wfl_timeseries_view_get_series (WflTimeSeriesView *self)
{
  g_return_val_if_fail (WFL_IS_TIMESERIES_VIEW (self), NULL);
  return self->series;
}

void
wfl_timeseries_view_set_placeholder (WflTimeSeriesView *self,
                                     const char        *text)
{
  g_return_if_fail (WFL_IS_TIMESERIES_VIEW (self));

  g_free (self->placeholder);
  self->placeholder = g_strdup (text);
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

int
wfl_timeseries_view_get_hover_week (WflTimeSeriesView *self)
{
  g_return_val_if_fail (WFL_IS_TIMESERIES_VIEW (self), -1);
  return self->hover_week;
}

void
wfl_timeseries_view_set_hover_week (WflTimeSeriesView *self,
                                    int                week)
{
  g_return_if_fail (WFL_IS_TIMESERIES_VIEW (self));

  if (week == self->hover_week)
    return;
  self->hover_week = week;
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
