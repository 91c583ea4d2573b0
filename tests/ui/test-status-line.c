/* test-status-line.c: what the window's status line says
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The status line shows the ranking of the Sankey's window (the rows
 * `waferline --bottlenecks` prints for the same dates: see
 * tests/cli/test-bottlenecks-window.c) and key figures that are all
 * computed in that window, so that moving the window changes them. */

#include "config.h"

#include <string.h>

#include "wfl-resources.h"
#include "wfl-status-text.h"
#include "wfl-test-utils.h"
#include "wfl-test-window.h"
#include "wfl-window-private.h"

static gboolean
ranked (gpointer data)
{
  return wfl_document_get_bottlenecks (data) != NULL;
}

/* The two labels say what wfl-status-text.c makes of the document's
 * ranking and window. */
static void
assert_status (WflWindow *window)
{
  WflDocument *document = wfl_window_get_document (window);
  WflSimulation *results = wfl_document_get_results (document);
  g_autofree char *tooltip = NULL;
  g_autofree char *text = wfl_status_text_bottlenecks (results, wfl_document_get_bottlenecks (document), &tooltip);
  g_autofree char *figures_tooltip = NULL;
  g_autofree char *figures = NULL;
  int first, last;

  wfl_document_get_sankey_window (document, &first, &last);
  figures = wfl_status_text_figures (results, first, last, &figures_tooltip);
  g_assert_cmpstr (gtk_label_get_text (window->status_bottleneck), ==, text);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (window->status_bottleneck)), ==, tooltip);
  g_assert_cmpstr (gtk_label_get_text (window->status_figures), ==, figures);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (window->status_figures)), ==, figures_tooltip);
}

static void
test_status_line_window (void)
{
  WflWindow *window = wfl_test_new_window ();
  WflDocument *document = wfl_window_get_document (window);
  WflSimulation *results;
  g_autofree char *q3_2023 = NULL;
  g_autofree char *q3_2023_figures = NULL;
  int cowos;

  wfl_test_wait_until (ranked, document);
  results = wfl_document_get_results (document);
  cowos = wfl_simulation_find_node (results, "cowos-tsmc");

  /* Q3 2023 (weeks 26–38): CoWoS-S limits GPUs. */
  wfl_document_set_sankey_window (document, 26, 38);
  wfl_test_iterate ();
  assert_status (window);
  g_assert_cmpuint (wfl_bottlenecks_get_top (wfl_document_get_bottlenecks (document), 0)->node, ==, cowos);
  g_assert_nonnull (strstr (gtk_label_get_text (window->status_bottleneck),
                            wfl_simulation_get_node_name (results, cowos)));
  q3_2023 = g_strdup (gtk_label_get_text (window->status_bottleneck));
  q3_2023_figures = g_strdup (gtk_label_get_text (window->status_figures));

  /* 2024: another window, other figures: each is computed in it. */
  wfl_document_set_sankey_window (document, 52, 103);
  wfl_test_iterate ();
  assert_status (window);
  g_assert_cmpstr (gtk_label_get_text (window->status_bottleneck), !=, q3_2023);
  g_assert_cmpstr (gtk_label_get_text (window->status_figures), !=, q3_2023_figures);

  wfl_test_destroy_window (window);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    return 77;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  wfl_register_resource ();

  g_test_add_func ("/wfl/ui/status-line/window", test_status_line_window);

  status = g_test_run ();
  wfl_test_release_application ();
  return status;
}
