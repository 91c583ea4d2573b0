/* wfl-window.c
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wfl-window"

#include "config.h"

#include <glib/gi18n.h>

#include "wfl-window.h"

struct _WflWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwWindowTitle       *window_title;
  AdwStatusPage        *summary_page;
  AdwToastOverlay      *toast_overlay;

  /* Owned references */
  WflScenario          *scenario;
};

G_DEFINE_FINAL_TYPE (WflWindow, wfl_window, ADW_TYPE_APPLICATION_WINDOW)

static void
update_summary (WflWindow *self)
{
  g_autofree char *description = NULL;
  g_autofree char *start = wfl_date_format (wfl_scenario_get_start (self->scenario));
  const char *title = wfl_scenario_get_title (self->scenario);

  description = g_strdup_printf (_("%u nodes, %u links, %d weeks from %s"),
                                 wfl_scenario_get_n_nodes (self->scenario),
                                 wfl_scenario_get_n_links (self->scenario),
                                 wfl_scenario_get_weeks (self->scenario),
                                 start);
  adw_status_page_set_title (self->summary_page, title ? title : _("Untitled scenario"));
  adw_status_page_set_description (self->summary_page, description);
  adw_window_title_set_subtitle (self->window_title, title ? title : "");
}

static void
wfl_window_dispose (GObject *object)
{
  WflWindow *self = (WflWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), WFL_TYPE_WINDOW);
  g_clear_object (&self->scenario);

  G_OBJECT_CLASS (wfl_window_parent_class)->dispose (object);
}

static void
wfl_window_class_init (WflWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wfl_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/waferline/Waferline/ui/wfl-window.ui");
  gtk_widget_class_bind_template_child (widget_class, WflWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, WflWindow, summary_page);
  gtk_widget_class_bind_template_child (widget_class, WflWindow, toast_overlay);
}

static void
wfl_window_init (WflWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->scenario = wfl_scenario_new_teaching_example ();
  update_summary (self);
}

WflWindow *
wfl_window_new (WflApplication *app)
{
  return g_object_new (WFL_TYPE_WINDOW, "application", app, NULL);
}

WflScenario *
wfl_window_get_scenario (WflWindow *self)
{
  g_return_val_if_fail (WFL_IS_WINDOW (self), NULL);
  return self->scenario;
}

void
wfl_window_open_file (WflWindow *self,
                      GFile     *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *message = g_strdup_printf (_("Cannot open “%s”: scenario files are not supported yet"), name);

  g_return_if_fail (WFL_IS_WINDOW (self));

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}
