/* wfl-window-experiments.c: the window's side of the experiments: the
 * Experiments page, the Gantt's whiskers and the Sankey's worst knock-out
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wfl-window"

#include "config.h"

#include <glib/gi18n.h>

#include "wfl-experiment-charts.h"
#include "wfl-window-private.h"

/* The page is beside Sankey, Gantt, Figures and Compare.  A Monte Carlo's
 * whiskers go to the Gantt view (and the Gantt's exports), the worst
 * knock-out is marked on the Sankey view; both go as soon as the results
 * are stale (the document changed after the run began): the charts then
 * show the new scenario, which the experiment was not of. */

static void
experiment_results_cb (WflWindow *self)
{
  WflExperimentsView *view = self->experiments;
  gboolean fresh = !wfl_experiments_view_is_stale (view);
  g_autofree char *note = NULL;
  const char *worst = fresh ? wfl_experiments_view_get_worst_node (view, &note) : NULL;

  wfl_gantt_view_set_whiskers (self->gantt_view, fresh ? wfl_experiments_view_get_monte_carlo (view) : NULL);
  wfl_sankey_view_set_flagged_node (self->sankey_view, worst, note);
}

void
_wfl_window_add_experiments (WflWindow *self)
{
  AdwViewStackPage *page;

  self->experiments = WFL_EXPERIMENTS_VIEW (wfl_experiments_view_new ());
  wfl_experiments_view_set_document (self->experiments, self->document);
  /* Translators: the page of Monte Carlo, sweeps and knock-outs beside Sankey and Gantt */
  page = adw_view_stack_add_titled (self->view_stack, GTK_WIDGET (self->experiments), "experiments", _("Experiments"));
  adw_view_stack_page_set_icon_name (page, "applications-science-symbolic");
  g_signal_connect_object (self->experiments, "results-changed", G_CALLBACK (experiment_results_cb), self,
                           G_CONNECT_SWAPPED);
}

void
_wfl_window_experiment_gantt (WflWindow     *self,
                              WflGanttChart *chart)
{
  WflMonteCarlo *mc = wfl_experiments_view_get_monte_carlo (self->experiments);

  if (mc != NULL && !wfl_experiments_view_is_stale (self->experiments) && chart->mode == WFL_GANTT_MODE_ORDERS)
    wfl_gantt_chart_add_whiskers (chart, mc);
}

/* Ctrl+Shift+X: the Experiments page, focused on its first setting. */
static void
show_experiments_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  WflWindow *self = WFL_WINDOW (widget);

  adw_view_stack_set_visible_child_name (self->view_stack, "experiments");
  wfl_experiments_view_focus (self->experiments);
}

void
_wfl_window_class_experiments_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.show-experiments", NULL, show_experiments_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_x, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.show-experiments", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_X, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.show-experiments", NULL);
}
