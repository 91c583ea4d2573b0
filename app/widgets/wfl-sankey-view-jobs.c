/* wfl-sankey-view-jobs.c: the Sankey view's layout and base painting
 *
 * A layout is made, and the base texture (the chart with its selection)
 * painted, in the main loop while that is cheap and otherwise in a thread
 * (GTask): "How a frame is made" at the top of wfl-sankey-view.c says
 * when.  A thread works on its own references (graph or layout, style);
 * its result is dropped when the view cancelled it (disposed) or moved on
 * to another graph, and a new layout is requested if the size or the zoom
 * changed meanwhile.
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wfl-sankey-view"

#include "config.h"

#include <math.h>

#include <gtk/gtk.h>

#include "wfl-chart-style.h"
#include "wfl-sankey-graph.h"
#include "wfl-sankey-layout.h"
#include "wfl-sankey-render.h"
#include "wfl-sankey-view-private.h"

/* Graphs above this size are laid out and (at first) painted in a thread. */
#define SYNC_MAX_ITEMS        1500
/* Paint in snapshot while the last painting took at most this long. */
#define SYNC_PAINT_MAX_MS     40.0
/* Lay out in the main loop while the last layout took at most this long. */
#define SYNC_LAYOUT_MAX_MS    30.0

/* Layout --------------------------------------------------------------- */

typedef struct
{
  WflSankeyGraph *graph;
  char           *font_family;
  double          font_size;
  double          width;
  double          height;
  double          ms;
} LayoutJob;

static void
layout_job_free (LayoutJob *job)
{
  wfl_sankey_graph_unref (job->graph);
  g_free (job->font_family);
  g_free (job);
}

static WflSankeyLayout *
make_layout (WflSankeyGraph *graph,
             const char     *font_family,
             double          font_size,
             double          width,
             double          height,
             double         *ms)
{
  WflSankeyLayoutOptions options;
  WflSankeyLayout *layout;
  gint64 t0 = g_get_monotonic_time ();

  wfl_sankey_layout_options_init (&options);
  options.font_family = font_family;
  options.font_size = font_size;
  layout = wfl_sankey_layout_new (graph, &options, width, height);
  *ms = (g_get_monotonic_time () - t0) / 1000.0;
  return layout;
}

static void
install_layout (WflSankeyView   *self,
                WflSankeyLayout *layout,
                double           ms)
{
  g_clear_pointer (&self->layout, wfl_sankey_layout_unref);
  self->layout = layout;
  self->layout_serial++;
  self->last_layout_ms = ms;
  _wfl_sankey_view_compute_node_order (self);
  _wfl_sankey_view_sync_items (self);
  g_debug ("Laid out %u nodes at %.0f × %.0f in %.1f ms",
           wfl_sankey_graph_get_n_nodes (wfl_sankey_layout_get_graph (layout)),
           wfl_sankey_layout_get_width (layout), wfl_sankey_layout_get_height (layout), ms);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
layout_wanted (WflSankeyView *self)
{
  if (self->graph == NULL || self->width <= 0 || self->height <= 0)
    return FALSE;
  if (!layout_current (self))
    return TRUE;
  return fabs (wfl_sankey_layout_get_width (self->layout) - self->width * self->zoom) > 0.5 ||
         fabs (wfl_sankey_layout_get_height (self->layout) - self->height * self->zoom) > 0.5;
}

static void
layout_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  LayoutJob *job = task_data;
  WflSankeyLayout *layout;

  layout = make_layout (job->graph, job->font_family, job->font_size, job->width, job->height, &job->ms);
  g_task_return_pointer (task, layout, (GDestroyNotify) wfl_sankey_layout_unref);
}

static void
layout_ready_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  WflSankeyView *self = WFL_SANKEY_VIEW (object);
  LayoutJob *job = g_task_get_task_data (G_TASK (result));
  WflSankeyLayout *layout = g_task_propagate_pointer (G_TASK (result), NULL);

  if (g_task_get_cancellable (G_TASK (result)) != NULL &&
      g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    {
      g_clear_pointer (&layout, wfl_sankey_layout_unref);
      return;
    }

  self->layout_running = FALSE;
  if (layout != NULL && job->graph == self->graph)
    install_layout (self, layout, job->ms);
  else
    g_clear_pointer (&layout, wfl_sankey_layout_unref);
  /* The size, zoom or graph may have moved on meanwhile. */
  _wfl_sankey_view_request_layout (self);
}

void
_wfl_sankey_view_request_layout (WflSankeyView *self)
{
  guint items;
  double width, height;

  if (self->layout_running || !layout_wanted (self))
    return;

  _wfl_sankey_view_ensure_style (self);
  width = self->width * self->zoom;
  height = self->height * self->zoom;
  items = wfl_sankey_graph_get_n_nodes (self->graph) + wfl_sankey_graph_get_n_links (self->graph);

  if (items <= SYNC_MAX_ITEMS && (!layout_current (self) || self->last_layout_ms <= SYNC_LAYOUT_MAX_MS))
    {
      double ms;
      WflSankeyLayout *layout = make_layout (self->graph, self->style.font_family, self->style.font_size,
                                             width, height, &ms);

      install_layout (self, layout, ms);
    }
  else
    {
      g_autoptr(GTask) task = NULL;
      LayoutJob *job = g_new0 (LayoutJob, 1);

      job->graph = wfl_sankey_graph_ref (self->graph);
      job->font_family = g_strdup (self->style.font_family);
      job->font_size = self->style.font_size;
      job->width = width;
      job->height = height;

      g_clear_object (&self->layout_cancellable);
      self->layout_cancellable = g_cancellable_new ();
      task = g_task_new (self, self->layout_cancellable, layout_ready_cb, NULL);
      g_task_set_source_tag (task, _wfl_sankey_view_request_layout);
      g_task_set_task_data (task, job, (GDestroyNotify) layout_job_free);
      self->layout_running = TRUE;
      g_task_run_in_thread (task, layout_thread);
    }
}

/* Painting the base ---------------------------------------------------- */

static PaintKey
current_paint_key (WflSankeyView *self)
{
  PaintKey key = {
    .layout_serial = self->layout_serial,
    .style_serial = self->style_serial,
    .selected = layout_current (self) ? self->selected : no_hit,
    .width = self->width,
    .height = self->height,
    .scale = gtk_widget_get_scale_factor (GTK_WIDGET (self)),
    .zoom = self->zoom,
    .pan_x = self->pan_x,
    .pan_y = self->pan_y,
  };

  return key;
}

static gboolean
paint_key_equal (const PaintKey *a,
                 const PaintKey *b)
{
  return a->layout_serial == b->layout_serial && a->style_serial == b->style_serial &&
         hit_equal (a->selected, b->selected) && a->width == b->width && a->height == b->height &&
         a->scale == b->scale && a->zoom == b->zoom && a->pan_x == b->pan_x && a->pan_y == b->pan_y;
}

static GdkTexture *
paint_base (WflSankeyLayout     *layout,
            WflSankeyDiff       *diff,
            const WflChartStyle *style,
            const PaintKey      *key,
            double              *ms)
{
  WflSankeyRenderState state;
  cairo_surface_t *surface;
  cairo_t *cr;
  GBytes *bytes;
  GdkTexture *texture;
  int pw = key->width * key->scale, ph = key->height * key->scale;
  gint64 t0 = g_get_monotonic_time ();

  wfl_sankey_render_state_init (&state);
  state.selected = key->selected;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, pw, ph);
  cairo_surface_set_device_scale (surface, key->scale, key->scale);
  cr = cairo_create (surface);
  cairo_translate (cr, -key->pan_x, -key->pan_y);
  cairo_scale (cr,
               key->width * key->zoom / wfl_sankey_layout_get_width (layout),
               key->height * key->zoom / wfl_sankey_layout_get_height (layout));
  /* Comparing: the difference Sankey, once the layout is of its graph. */
  if (diff != NULL && wfl_sankey_diff_get_graph (diff) == wfl_sankey_layout_get_graph (layout))
    wfl_sankey_diff_render_chart (layout, diff, cr, style, &state);
  else
    wfl_sankey_render (layout, cr, style, &state);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                      (gsize) cairo_image_surface_get_stride (surface) * ph,
                                      (GDestroyNotify) cairo_surface_destroy, surface);
  texture = gdk_memory_texture_new (pw, ph, GDK_MEMORY_DEFAULT, bytes,
                                    cairo_image_surface_get_stride (surface));
  g_bytes_unref (bytes);
  *ms = (g_get_monotonic_time () - t0) / 1000.0;
  return texture;
}

typedef struct
{
  WflSankeyLayout *layout;
  WflSankeyDiff   *diff;
  WflChartStyle    style;
  PaintKey         key;
  double           ms;
} PaintJob;

static void
paint_job_free (PaintJob *job)
{
  wfl_sankey_layout_unref (job->layout);
  g_clear_pointer (&job->diff, wfl_sankey_diff_free);
  wfl_chart_style_clear (&job->style);
  g_free (job);
}

static void
paint_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  PaintJob *job = task_data;

  g_task_return_pointer (task, paint_base (job->layout, job->diff, &job->style, &job->key, &job->ms), g_object_unref);
}

static void
paint_ready_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  WflSankeyView *self = WFL_SANKEY_VIEW (object);
  PaintJob *job = g_task_get_task_data (G_TASK (result));
  GdkTexture *texture = g_task_propagate_pointer (G_TASK (result), NULL);

  if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    {
      g_clear_object (&texture);
      return;
    }

  self->paint_running = FALSE;
  if (texture != NULL)
    {
      g_set_object (&self->base, texture);
      self->base_key = job->key;
      self->last_paint_ms = job->ms;
      g_debug ("Painted the chart in a thread in %.1f ms", job->ms);
    }
  g_clear_object (&texture);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Brings the base up to date, or starts doing so in a thread. */
void
_wfl_sankey_view_update_base (WflSankeyView *self)
{
  PaintKey key;
  gboolean sync;

  if (self->layout == NULL || self->width <= 0 || self->height <= 0)
    return;

  _wfl_sankey_view_ensure_style (self);
  key = current_paint_key (self);
  if (self->base != NULL && paint_key_equal (&key, &self->base_key))
    return;
  if (self->paint_running)
    return;

  if (self->last_paint_ms >= 0)
    sync = self->last_paint_ms <= SYNC_PAINT_MAX_MS;
  else
    sync = wfl_sankey_graph_get_n_links (wfl_sankey_layout_get_graph (self->layout)) <= SYNC_MAX_ITEMS;

  if (sync)
    {
      double ms;
      GdkTexture *texture = paint_base (self->layout, self->diff, &self->style, &key, &ms);

      g_clear_object (&self->base);
      self->base = texture;
      self->base_key = key;
      self->last_paint_ms = ms;
    }
  else
    {
      g_autoptr(GTask) task = NULL;
      PaintJob *job = g_new0 (PaintJob, 1);

      job->layout = wfl_sankey_layout_ref (self->layout);
      job->diff = self->diff != NULL ? wfl_sankey_diff_ref (self->diff) : NULL;
      job->style = self->style;
      job->style.font_family = g_strdup (self->style.font_family);
      job->key = key;

      g_clear_object (&self->paint_cancellable);
      self->paint_cancellable = g_cancellable_new ();
      task = g_task_new (self, self->paint_cancellable, paint_ready_cb, NULL);
      g_task_set_source_tag (task, _wfl_sankey_view_update_base);
      g_task_set_task_data (task, job, (GDestroyNotify) paint_job_free);
      self->paint_running = TRUE;
      g_task_run_in_thread (task, paint_thread);
    }
}

/* Test hooks ------------------------------------------------------------------ */

gboolean
_wfl_sankey_view_is_busy (WflSankeyView *self)
{
  g_return_val_if_fail (WFL_IS_SANKEY_VIEW (self), FALSE);
  return self->layout_running || self->paint_running;
}
