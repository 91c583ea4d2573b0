/* wfl-test-window.h: helpers shared by the UI tests (GTK): the one
 * registered application, windows opened and closed on it, action probes
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "wfl-application.h"
#include "wfl-window.h"

G_BEGIN_DECLS

/* One registered application for every test of a program (a second one
 * with the same id would become a remote instance), made on first use;
 * wfl_test_release_application() drops it at the end. */
WflApplication *wfl_test_application         (void);
void            wfl_test_release_application (void);

/* A new window of wfl_test_application(), presented (the main context
 * not run). */
WflWindow      *wfl_test_new_window          (void);

/* Destroys the window without asking about unsaved changes (they are
 * discarded), then runs the main context. */
void            wfl_test_destroy_window      (WflWindow    *window);

/* A button bound to action_name inside parent's tree, to observe
 * whether the action is enabled (its sensitivity). */
GtkWidget      *wfl_test_action_probe        (GtkWidget    *parent_box,
                                              const char   *action_name);

/* The first widget of type under root (root itself included), in tree
 * order; NULL when there is none. */
GtkWidget      *wfl_test_find_widget         (GtkWidget    *root,
                                              GType         type);

/* Presses keyval with mods on widget as its key bindings see it: the
 * shortcut of widget's own shortcut controllers (class bindings among
 * them) whose trigger is that key is activated.  FALSE when none is
 * bound or it declined. */
gboolean        wfl_test_press_key           (GtkWidget       *widget,
                                              guint            keyval,
                                              GdkModifierType  mods);

G_END_DECLS
