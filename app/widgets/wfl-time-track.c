/* wfl-time-track.c: the time bar's track, a slider a screen reader reads
 *
 * GTK 4.8 exposes the AT-SPI Value interface (the current, least and
 * greatest value, and value-changed events) only for its own range
 * widgets: a drawing area with the slider role and value properties has
 * none.  The track is therefore a GtkRange that draws itself with its
 * owner's function and drops the range's own pointer and key handling
 * (the time bar has its own); its adjustment is the week window: the
 * value is the first week, the page the window's length, the upper
 * bound the calendar's weeks.
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wfl-time-bar"

#include "config.h"

#include "wfl-time-track.h"

#define TRACK_HEIGHT 44

struct _WflTimeTrack
{
  GtkRange              parent_instance;

  WflTimeTrackDrawFunc  draw;
  gpointer              user_data;
};

G_DEFINE_FINAL_TYPE (WflTimeTrack, wfl_time_track, GTK_TYPE_RANGE)

static void
wfl_time_track_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  /* The range's own parts are measured, as GTK wants, but not shown. */
  GTK_WIDGET_CLASS (wfl_time_track_parent_class)->measure (widget, orientation, for_size,
                                                            minimum, natural,
                                                            minimum_baseline, natural_baseline);
  *minimum = *natural = orientation == GTK_ORIENTATION_VERTICAL ? TRACK_HEIGHT : 0;
  *minimum_baseline = *natural_baseline = -1;
}

static void
wfl_time_track_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  WflTimeTrack *self = WFL_TIME_TRACK (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (self->draw == NULL || width <= 0 || height <= 0)
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  self->draw (widget, cr, width, height, self->user_data);
  cairo_destroy (cr);
}

static void
wfl_time_track_class_init (WflTimeTrackClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->measure = wfl_time_track_measure;
  widget_class->snapshot = wfl_time_track_snapshot;
  gtk_widget_class_set_css_name (widget_class, "timetrack");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_SLIDER);
}

static void
wfl_time_track_init (WflTimeTrack *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GListModel *controllers = gtk_widget_observe_controllers (widget);
  g_autoptr (GPtrArray) own = g_ptr_array_new_with_free_func (g_object_unref);

  /* The range's clicks, drags, scrolling and key bindings: the time bar
   * has its own. */
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    g_ptr_array_add (own, g_list_model_get_item (controllers, i));
  g_object_unref (controllers);
  for (guint i = 0; i < own->len; i++)
    gtk_widget_remove_controller (widget, g_ptr_array_index (own, i));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_HORIZONTAL);
  gtk_widget_set_focusable (widget, TRUE);
}

GtkWidget *
wfl_time_track_new (WflTimeTrackDrawFunc draw,
                    gpointer             user_data)
{
  WflTimeTrack *self = g_object_new (WFL_TYPE_TIME_TRACK, NULL);

  self->draw = draw;
  self->user_data = user_data;
  return GTK_WIDGET (self);
}
