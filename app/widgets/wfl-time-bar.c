/* wfl-time-bar.c: choose a window of weeks on the scenario's calendar
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wfl-time-bar"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "wfl-time-bar.h"
#include "wfl-time-track.h"

#define PLAY_STEP_SECONDS 1.4
#define HANDLE_SLOP 6.0
#define TRACK_PAD 8.0

typedef enum
{
  DRAG_NONE,
  DRAG_MOVE,
  DRAG_FIRST,
  DRAG_LAST,
  DRAG_NEW,
} DragMode;

struct _WflTimeBar
{
  GtkWidget   parent_instance;

  GtkWidget  *prev_button;
  GtkWidget  *play_button;
  GtkWidget  *next_button;
  GtkWidget  *track;
  GtkWidget  *label;

  WflDate     start;
  int         weeks;
  int         first;
  int         last;
  GArray     *quarters;    /* of int: the first week of each quarter, ascending */
  gboolean    syncing;     /* setting the track's adjustment */

  DragMode    drag_mode;
  int         drag_anchor_week;
  int         drag_first;
  int         drag_last;

  GTimer     *timer;
  guint       tick_id;
};

G_DEFINE_FINAL_TYPE (WflTimeBar, wfl_time_bar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_FIRST_WEEK,
  PROP_LAST_WEEK,
  PROP_PLAYING,
  N_PROPS
};

enum {
  WINDOW_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static int
quarter_of_date (WflDate date)
{
  int year, month, day;

  wfl_date_to_ymd (date, &year, &month, &day);
  return year * 4 + (month - 1) / 3;
}

static char *
format_date (WflDate date,
             gboolean with_year)
{
  GDate gdate;
  char buf[64];

  g_date_clear (&gdate, 1);
  g_date_set_julian (&gdate, date);
  /* Translators: a short date in the time bar, see strftime(3) */
  if (g_date_strftime (buf, sizeof buf, with_year ? _("%-d %b %Y") : _("%-d %b"), &gdate) == 0)
    return wfl_date_format (date);
  return g_strdup (buf);
}

static void
rebuild_quarters (WflTimeBar *self)
{
  int previous = -1;

  g_array_set_size (self->quarters, 0);
  for (int w = 0; w < self->weeks; w++)
    {
      int q = quarter_of_date (wfl_date_of_week (self->start, w));

      if (q != previous)
        g_array_append_val (self->quarters, w);
      previous = q;
    }
}

/* The quarter [first, last] that contains week w. */
static void
quarter_bounds (WflTimeBar *self,
                int         index,
                int        *first,
                int        *last)
{
  *first = g_array_index (self->quarters, int, index);
  if ((guint) index + 1 < self->quarters->len)
    *last = g_array_index (self->quarters, int, index + 1) - 1;
  else
    *last = self->weeks - 1;
}

static int
quarter_index_of_week (WflTimeBar *self,
                       int         week)
{
  int index = 0;

  for (guint i = 0; i < self->quarters->len; i++)
    if (g_array_index (self->quarters, int, i) <= week)
      index = (int) i;
  return index;
}

static gboolean apply_window (WflTimeBar *self,
                              int         first,
                              int         last,
                              gboolean    emit);

static void
update_label (WflTimeBar *self)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *text = NULL;
  int n = self->last - self->first + 1;

  if (self->weeks <= 0)
    {
      gtk_label_set_text (GTK_LABEL (self->label), "");
      return;
    }

  {
    WflDate first_day = wfl_date_of_week (self->start, self->first);
    WflDate last_day = wfl_date_of_week (self->start, self->last) + 6;
    int y0, y1, m, d;

    /* The start's year only when it is not the end's: "1 Jan – 5 Jan
     * 2025" read as a window of 2025 for one that starts in 2024. */
    wfl_date_to_ymd (first_day, &y0, &m, &d);
    wfl_date_to_ymd (last_day, &y1, &m, &d);
    from = format_date (first_day, y0 != y1);
    to = format_date (last_day, TRUE);
  }
  /* Translators: the week window, e.g. "3 Jul – 1 Oct 2023 · 13 weeks" */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s – %s · %d week", "%s – %s · %d weeks", n),
                          from, to, n);
  gtk_label_set_text (GTK_LABEL (self->label), text);

  /* The slider's value (wfl-time-track.c): the first week, a page of the
   * window's length; its description the dates the label shows. */
  self->syncing = TRUE;
  gtk_adjustment_configure (gtk_range_get_adjustment (GTK_RANGE (self->track)),
                            self->first, 0, self->weeks, 1, 13, n);
  self->syncing = FALSE;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->track),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MIN, 0.0,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MAX, (double) (self->weeks - n),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_NOW, (double) self->first,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, text,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text,
                                  -1);
}

/* A screen reader set the slider's value: the window moves there. */
static void
track_value_changed_cb (WflTimeBar    *self,
                        GtkAdjustment *adjustment)
{
  int first = (int) gtk_adjustment_get_value (adjustment);

  if (self->syncing || self->weeks <= 0 || first == self->first)
    return;
  apply_window (self, first, first + self->last - self->first, TRUE);
}

static void
update_buttons (WflTimeBar *self)
{
  gtk_widget_set_sensitive (self->prev_button, self->weeks > 0 && self->first > 0);
  gtk_widget_set_sensitive (self->next_button, self->weeks > 0 && self->last < self->weeks - 1);
  gtk_widget_set_sensitive (self->play_button, self->quarters->len > 1 || self->tick_id != 0);
}

static gboolean
apply_window (WflTimeBar *self,
              int         first,
              int         last,
              gboolean    emit)
{
  if (self->weeks <= 0)
    return FALSE;

  first = CLAMP (first, 0, self->weeks - 1);
  last = CLAMP (last, first, self->weeks - 1);

  if (first == self->first && last == self->last)
    return FALSE;

  self->first = first;
  self->last = last;
  update_label (self);
  update_buttons (self);
  gtk_widget_queue_draw (self->track);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIRST_WEEK]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_WEEK]);
  if (emit)
    g_signal_emit (self, signals[WINDOW_CHANGED], 0, first, last);
  return TRUE;
}

/* Geometry ---------------------------------------------------------------- */

static double
week_to_x (WflTimeBar *self,
           double      week)
{
  double width = gtk_widget_get_width (self->track) - 2 * TRACK_PAD;

  if (self->weeks <= 0)
    return TRACK_PAD;
  return TRACK_PAD + week * width / self->weeks;
}

static int
x_to_week (WflTimeBar *self,
           double      x)
{
  double width = gtk_widget_get_width (self->track) - 2 * TRACK_PAD;
  int week;

  if (self->weeks <= 0 || width <= 0)
    return 0;
  week = (int) ((x - TRACK_PAD) * self->weeks / width);
  return CLAMP (week, 0, self->weeks - 1);
}

static void
draw_track (GtkWidget *area,
            cairo_t   *cr,
            int        width,
            int        height,
            gpointer   user_data)
{
  WflTimeBar *self = WFL_TIME_BAR (user_data);
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (area));
  PangoLayout *layout;
  GdkRGBA fg, accent;
  double band_top = 4, band_bottom = height - 18;
  double x0, x1;

  if (self->weeks <= 0)
    return;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (context, &fg);
  if (!gtk_style_context_lookup_color (context, "accent_bg_color", &accent))
    gdk_rgba_parse (&accent, "#3584e4");
  G_GNUC_END_IGNORE_DEPRECATIONS

  /* The calendar as a trough */
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.07);
  cairo_rectangle (cr, TRACK_PAD, band_top, width - 2 * TRACK_PAD, band_bottom - band_top);
  cairo_fill (cr);

  /* Week ticks */
  cairo_set_line_width (cr, 1);
  if ((width - 2 * TRACK_PAD) / self->weeks >= 3)
    {
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.18);
      for (int w = 1; w < self->weeks; w++)
        {
          double x = floor (week_to_x (self, w)) + 0.5;

          cairo_move_to (cr, x, band_bottom - 5);
          cairo_line_to (cr, x, band_bottom);
        }
      cairo_stroke (cr);
    }

  /* The selected window */
  x0 = week_to_x (self, self->first);
  x1 = week_to_x (self, self->last + 1);
  cairo_set_source_rgba (cr, accent.red, accent.green, accent.blue, 0.30);
  cairo_rectangle (cr, x0, band_top, x1 - x0, band_bottom - band_top);
  cairo_fill (cr);
  cairo_set_source_rgba (cr, accent.red, accent.green, accent.blue, 1.0);
  cairo_set_line_width (cr, 2);
  cairo_rectangle (cr, x0 + 1, band_top + 1, x1 - x0 - 2, band_bottom - band_top - 2);
  cairo_stroke (cr);
  /* Handles */
  for (int i = 0; i < 2; i++)
    {
      double hx = i == 0 ? x0 + 1 : x1 - 1;
      double mid = (band_top + band_bottom) / 2;

      cairo_rectangle (cr, hx - 2, mid - 7, 4, 14);
      cairo_fill (cr);
    }

  /* Quarter ticks and labels */
  layout = gtk_widget_create_pango_layout (GTK_WIDGET (area), NULL);
  {
    PangoAttrList *attrs = pango_attr_list_new ();

    pango_attr_list_insert (attrs, pango_attr_scale_new (0.8));
    pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
    pango_layout_set_attributes (layout, attrs);
    pango_attr_list_unref (attrs);
  }
  for (guint i = 0; i < self->quarters->len; i++)
    {
      int first, last, year, month, day;
      double qx0, qx1, label_width;
      g_autofree char *text = NULL;
      PangoRectangle ink, logical;

      quarter_bounds (self, i, &first, &last);
      qx0 = floor (week_to_x (self, first)) + 0.5;
      qx1 = week_to_x (self, last + 1);

      if (i > 0)
        {
          cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.45);
          cairo_set_line_width (cr, 1);
          cairo_move_to (cr, qx0, band_top);
          cairo_line_to (cr, qx0, band_bottom + 4);
          cairo_stroke (cr);
        }

      wfl_date_to_ymd (wfl_date_of_week (self->start, first), &year, &month, &day);
      /* Translators: a calendar quarter, e.g. "Q3 2023" */
      text = g_strdup_printf (_("Q%d %d"), (month - 1) / 3 + 1, year);
      pango_layout_set_text (layout, text, -1);
      pango_layout_get_pixel_extents (layout, &ink, &logical);
      label_width = logical.width;
      if (label_width + 4 > qx1 - qx0)
        {
          g_free (text);
          /* Translators: a calendar quarter when space is short, e.g. "Q3" */
          text = g_strdup_printf (_("Q%d"), (month - 1) / 3 + 1);
          pango_layout_set_text (layout, text, -1);
          pango_layout_get_pixel_extents (layout, &ink, &logical);
          label_width = logical.width;
          if (label_width + 2 > qx1 - qx0)
            continue;
        }
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue,
                             (first <= self->last && last >= self->first) ? 0.9 : 0.6);
      cairo_move_to (cr, (qx0 + qx1 - label_width) / 2, band_bottom + 2);
      pango_cairo_show_layout (cr, layout);
    }
  g_object_unref (layout);

  if (gtk_widget_has_visible_focus (GTK_WIDGET (area)))
    {
      cairo_set_source_rgba (cr, accent.red, accent.green, accent.blue, 0.6);
      cairo_set_line_width (cr, 2);
      cairo_rectangle (cr, 1, 1, width - 2, height - 2);
      cairo_stroke (cr);
    }
}

/* Input ------------------------------------------------------------------ */

static void
drag_begin_cb (WflTimeBar     *self,
               double          x,
               double          y,
               GtkGestureDrag *gesture)
{
  double x0 = week_to_x (self, self->first);
  double x1 = week_to_x (self, self->last + 1);
  int week = x_to_week (self, x);

  if (self->weeks <= 0)
    return;

  gtk_widget_grab_focus (self->track);
  wfl_time_bar_set_playing (self, FALSE);

  self->drag_first = self->first;
  self->drag_last = self->last;
  self->drag_anchor_week = week;

  if (fabs (x - x0) <= HANDLE_SLOP)
    self->drag_mode = DRAG_FIRST;
  else if (fabs (x - x1) <= HANDLE_SLOP)
    self->drag_mode = DRAG_LAST;
  else if (x > x0 && x < x1)
    self->drag_mode = DRAG_MOVE;
  else
    {
      self->drag_mode = DRAG_NEW;
      apply_window (self, week, week, TRUE);
    }
}

static void
drag_update_cb (WflTimeBar     *self,
                double          offset_x,
                double          offset_y,
                GtkGestureDrag *gesture)
{
  double start_x, start_y;
  int week, delta;

  if (self->drag_mode == DRAG_NONE)
    return;

  gtk_gesture_drag_get_start_point (gesture, &start_x, &start_y);
  week = x_to_week (self, start_x + offset_x);
  delta = week - self->drag_anchor_week;

  switch (self->drag_mode)
    {
    case DRAG_MOVE:
      {
        int len = self->drag_last - self->drag_first;
        int first = CLAMP (self->drag_first + delta, 0, self->weeks - 1 - len);

        apply_window (self, first, first + len, TRUE);
      }
      break;

    case DRAG_FIRST:
      apply_window (self, MIN (self->drag_first + delta, self->drag_last), self->drag_last, TRUE);
      break;

    case DRAG_LAST:
      apply_window (self, self->drag_first, MAX (self->drag_last + delta, self->drag_first), TRUE);
      break;

    case DRAG_NEW:
      apply_window (self, MIN (week, self->drag_anchor_week), MAX (week, self->drag_anchor_week), TRUE);
      break;

    case DRAG_NONE:
    default:
      break;
    }
}

static void
drag_end_cb (WflTimeBar     *self,
             double          offset_x,
             double          offset_y,
             GtkGestureDrag *gesture)
{
  self->drag_mode = DRAG_NONE;
}

static gboolean
key_pressed_cb (WflTimeBar            *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  gboolean shift = (state & GDK_SHIFT_MASK) != 0;
  int len = self->last - self->first;

  if (self->weeks <= 0)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      if (shift)
        apply_window (self, self->first, MAX (self->first, self->last - 1), TRUE);
      else if (self->first > 0)
        apply_window (self, self->first - 1, self->last - 1, TRUE);
      return TRUE;

    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      if (shift)
        apply_window (self, self->first, self->last + 1, TRUE);
      else if (self->last < self->weeks - 1)
        apply_window (self, self->first + 1, self->last + 1, TRUE);
      return TRUE;

    case GDK_KEY_Page_Up:
      wfl_time_bar_step_quarter (self, -1);
      return TRUE;

    case GDK_KEY_Page_Down:
      wfl_time_bar_step_quarter (self, 1);
      return TRUE;

    case GDK_KEY_Home:
      apply_window (self, 0, len, TRUE);
      return TRUE;

    case GDK_KEY_End:
      apply_window (self, self->weeks - 1 - len, self->weeks - 1, TRUE);
      return TRUE;

    case GDK_KEY_a:
      if (state & GDK_CONTROL_MASK)
        {
          apply_window (self, 0, self->weeks - 1, TRUE);
          return TRUE;
        }
      return FALSE;

    case GDK_KEY_space:
      wfl_time_bar_set_playing (self, !wfl_time_bar_get_playing (self));
      return TRUE;

    default:
      return FALSE;
    }
}

static void
focus_changed_cb (WflTimeBar *self)
{
  gtk_widget_queue_draw (self->track);
}

/* Quarters and playing ------------------------------------------------------ */

/**
 * wfl_time_bar_step_quarter:
 * @direction: -1 for the previous quarter, 1 for the next
 *
 * Shows a whole calendar quarter: the one before or after the quarter the
 * window starts in (or the start of that quarter, going back from inside
 * it).  Emits ::window-changed.
 */
void
wfl_time_bar_step_quarter (WflTimeBar *self,
                           int         direction)
{
  int index, first, last;

  g_return_if_fail (WFL_IS_TIME_BAR (self));

  if (self->quarters->len == 0)
    return;

  index = quarter_index_of_week (self, self->first);
  quarter_bounds (self, index, &first, &last);
  if (direction < 0 && first == self->first)
    index--;
  else if (direction > 0)
    index++;
  index = CLAMP (index, 0, (int) self->quarters->len - 1);
  quarter_bounds (self, index, &first, &last);
  apply_window (self, first, last, TRUE);
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  WflTimeBar *self = WFL_TIME_BAR (widget);

  if (g_timer_elapsed (self->timer, NULL) < PLAY_STEP_SECONDS)
    return G_SOURCE_CONTINUE;

  g_timer_start (self->timer);
  if (self->last >= self->weeks - 1)
    {
      self->tick_id = 0;
      wfl_time_bar_set_playing (self, FALSE);
      return G_SOURCE_REMOVE;
    }
  wfl_time_bar_step_quarter (self, 1);
  return G_SOURCE_CONTINUE;
}

gboolean
wfl_time_bar_get_playing (WflTimeBar *self)
{
  g_return_val_if_fail (WFL_IS_TIME_BAR (self), FALSE);
  return self->tick_id != 0;
}

/**
 * wfl_time_bar_set_playing:
 *
 * Plays the calendar quarter by quarter: the window jumps to the next
 * quarter every 1.4 seconds until the end of the calendar.
 */
void
wfl_time_bar_set_playing (WflTimeBar *self,
                          gboolean    playing)
{
  g_return_if_fail (WFL_IS_TIME_BAR (self));

  playing = !!playing;
  if (playing == wfl_time_bar_get_playing (self))
    return;

  if (playing)
    {
      int index, first, last;

      if (self->quarters->len == 0)
        return;
      /* Start from the quarter shown, or from the beginning at the end. */
      index = quarter_index_of_week (self, self->first);
      quarter_bounds (self, index, &first, &last);
      if (last >= self->weeks - 1)
        quarter_bounds (self, 0, &first, &last);
      apply_window (self, first, last, TRUE);
      g_timer_start (self->timer);
      self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), tick_cb, NULL, NULL);
    }
  else
    {
      if (self->tick_id != 0)
        gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }

  gtk_button_set_icon_name (GTK_BUTTON (self->play_button),
                            playing ? "media-playback-pause-symbolic" : "media-playback-start-symbolic");
  gtk_widget_set_tooltip_text (self->play_button,
                               playing ? _("Pause") : _("Play Quarter by Quarter"));
  update_buttons (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYING]);
}

static void
play_clicked_cb (WflTimeBar *self)
{
  wfl_time_bar_set_playing (self, !wfl_time_bar_get_playing (self));
}

static void
prev_clicked_cb (WflTimeBar *self)
{
  wfl_time_bar_set_playing (self, FALSE);
  wfl_time_bar_step_quarter (self, -1);
}

static void
next_clicked_cb (WflTimeBar *self)
{
  wfl_time_bar_set_playing (self, FALSE);
  wfl_time_bar_step_quarter (self, 1);
}

/* GObject ---------------------------------------------------------------- */

static void
wfl_time_bar_dispose (GObject *object)
{
  WflTimeBar *self = (WflTimeBar *)object;
  GtkWidget *child;

  if (self->tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
  self->tick_id = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (wfl_time_bar_parent_class)->dispose (object);
}

static void
wfl_time_bar_finalize (GObject *object)
{
  WflTimeBar *self = (WflTimeBar *)object;

  g_clear_pointer (&self->quarters, g_array_unref);
  g_clear_pointer (&self->timer, g_timer_destroy);

  G_OBJECT_CLASS (wfl_time_bar_parent_class)->finalize (object);
}

static void
wfl_time_bar_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  WflTimeBar *self = WFL_TIME_BAR (object);

  switch (prop_id)
    {
    case PROP_FIRST_WEEK:
      g_value_set_int (value, self->first);
      break;

    case PROP_LAST_WEEK:
      g_value_set_int (value, self->last);
      break;

    case PROP_PLAYING:
      g_value_set_boolean (value, wfl_time_bar_get_playing (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wfl_time_bar_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  WflTimeBar *self = WFL_TIME_BAR (object);

  switch (prop_id)
    {
    case PROP_PLAYING:
      wfl_time_bar_set_playing (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wfl_time_bar_class_init (WflTimeBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wfl_time_bar_dispose;
  object_class->finalize = wfl_time_bar_finalize;
  object_class->get_property = wfl_time_bar_get_property;
  object_class->set_property = wfl_time_bar_set_property;

  properties[PROP_FIRST_WEEK] =
    g_param_spec_int ("first-week", NULL, NULL, 0, G_MAXINT, 0,
                      (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_LAST_WEEK] =
    g_param_spec_int ("last-week", NULL, NULL, 0, G_MAXINT, 0,
                      (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_PLAYING] =
    g_param_spec_boolean ("playing", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * WflTimeBar::window-changed:
   * @first_week: the first week of the window
   * @last_week: the last week (inclusive)
   *
   * The user changed the window (drag, keys, buttons or playing).
   */
  signals[WINDOW_CHANGED] =
    g_signal_new ("window-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_INT);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "timebar");
}

static GtkWidget *
make_button (WflTimeBar *self,
             const char *icon_name,
             const char *tooltip,
             GCallback   callback)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "circular");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  g_signal_connect_object (button, "clicked", callback, self, G_CONNECT_SWAPPED);
  gtk_widget_set_parent (button, GTK_WIDGET (self));
  return button;
}

static void
wfl_time_bar_init (WflTimeBar *self)
{
  GtkGesture *drag;
  GtkEventController *key, *focus;

  self->quarters = g_array_new (FALSE, FALSE, sizeof (int));
  self->timer = g_timer_new ();

  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self))), 4);

  self->prev_button = make_button (self, "go-previous-symbolic", _("Previous Quarter"),
                                   G_CALLBACK (prev_clicked_cb));
  self->play_button = make_button (self, "media-playback-start-symbolic", _("Play Quarter by Quarter"),
                                   G_CALLBACK (play_clicked_cb));
  self->next_button = make_button (self, "go-next-symbolic", _("Next Quarter"),
                                   G_CALLBACK (next_clicked_cb));

  self->track = wfl_time_track_new (draw_track, self);
  gtk_widget_set_hexpand (self->track, TRUE);
  gtk_widget_set_tooltip_text (self->track, _("Drag to choose the weeks the Sankey shows; "
                                              "arrow keys move the window, Shift+arrows resize it"));
  gtk_widget_add_css_class (self->track, "track");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->track),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Week window"), -1);
  gtk_widget_set_parent (self->track, GTK_WIDGET (self));
  g_signal_connect_object (gtk_range_get_adjustment (GTK_RANGE (self->track)), "value-changed",
                           G_CALLBACK (track_value_changed_cb), self, G_CONNECT_SWAPPED);

  drag = gtk_gesture_drag_new ();
  g_signal_connect_object (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (drag, "drag-update", G_CALLBACK (drag_update_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (drag, "drag-end", G_CALLBACK (drag_end_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (self->track, GTK_EVENT_CONTROLLER (drag));

  key = gtk_event_controller_key_new ();
  g_signal_connect_object (key, "key-pressed", G_CALLBACK (key_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_event_controller_set_propagation_phase (key, GTK_PHASE_CAPTURE);
  gtk_widget_add_controller (self->track, key);

  focus = gtk_event_controller_focus_new ();
  g_signal_connect_object (focus, "notify::is-focus", G_CALLBACK (focus_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (self->track, focus);

  self->label = g_object_new (GTK_TYPE_LABEL,
                              "width-chars", 26,
                              "xalign", 1.0f,
                              NULL);
  gtk_widget_add_css_class (self->label, "caption");
  gtk_widget_add_css_class (self->label, "numeric");
  gtk_widget_set_parent (self->label, GTK_WIDGET (self));
  /* The slider is described by the label that says what it chose. */
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->track),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->label, NULL,
                                  -1);

  update_buttons (self);
}

GtkWidget *
wfl_time_bar_new (void)
{
  return g_object_new (WFL_TYPE_TIME_BAR, NULL);
}

/**
 * wfl_time_bar_set_calendar:
 *
 * Shows @weeks weeks from @start.  The window is kept where it fits and
 * reset to the whole calendar otherwise.
 */
void
wfl_time_bar_set_calendar (WflTimeBar *self,
                           WflDate     start,
                           int         weeks)
{
  g_return_if_fail (WFL_IS_TIME_BAR (self));

  weeks = MAX (weeks, 0);
  if (self->start == start && self->weeks == weeks)
    return;

  self->start = start;
  self->weeks = weeks;
  rebuild_quarters (self);
  if (self->last >= weeks || self->first > self->last)
    {
      self->first = 0;
      self->last = MAX (weeks - 1, 0);
    }
  wfl_time_bar_set_playing (self, FALSE);
  update_label (self);
  update_buttons (self);
  gtk_widget_queue_draw (self->track);
}

int
wfl_time_bar_get_weeks (WflTimeBar *self)
{
  g_return_val_if_fail (WFL_IS_TIME_BAR (self), 0);
  return self->weeks;
}

void
wfl_time_bar_get_window (WflTimeBar *self,
                         int        *first_week,
                         int        *last_week)
{
  g_return_if_fail (WFL_IS_TIME_BAR (self));
  if (first_week != NULL)
    *first_week = self->first;
  if (last_week != NULL)
    *last_week = self->last;
}

void
wfl_time_bar_set_window (WflTimeBar *self,
                         int         first_week,
                         int         last_week)
{
  g_return_if_fail (WFL_IS_TIME_BAR (self));
  apply_window (self, first_week, last_week, FALSE);
}

const char *
wfl_time_bar_get_label (WflTimeBar *self)
{
  g_return_val_if_fail (WFL_IS_TIME_BAR (self), NULL);

  return gtk_label_get_text (GTK_LABEL (self->label));
}
