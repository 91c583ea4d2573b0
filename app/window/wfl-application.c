/* wfl-application.c
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wfl-application"

#include "config.h"

#include <glib/gi18n.h>

#include "wfl-application.h"
#include "wfl-drafts.h"
#include "wfl-window.h"

struct _WflApplication
{
  AdwApplication parent_instance;

  gboolean       drafts_offered;
};

G_DEFINE_FINAL_TYPE (WflApplication, wfl_application, ADW_TYPE_APPLICATION)

/* Once per start, the first window offers the drafts of unsaved changes
 * that a crash or a logout left behind. */
static void
offer_drafts (WflApplication *self,
              WflWindow      *window)
{
  g_autoptr(GPtrArray) drafts = NULL;

  if (self->drafts_offered)
    return;
  self->drafts_offered = TRUE;
  drafts = wfl_drafts_find_orphans ();
  wfl_window_offer_drafts (window, drafts);
}

static void
wfl_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (wfl_window_new (WFL_APPLICATION (app)));
  gtk_window_present (window);
  offer_drafts (WFL_APPLICATION (app), WFL_WINDOW (window));
}

static void
wfl_application_open (GApplication  *app,
                      GFile        **files,
                      int            n_files,
                      const char    *hint)
{
  WflWindow *first = NULL;

  for (int i = 0; i < n_files; i++)
    {
      /* A file already open: its window comes to the front. */
      WflWindow *window = wfl_application_find_window (WFL_APPLICATION (app), files[i]);

      if (window == NULL)
        {
          window = wfl_window_new (WFL_APPLICATION (app));
          wfl_window_open_file (window, files[i]);
        }
      gtk_window_present (GTK_WINDOW (window));
      if (first == NULL)
        first = window;
    }
  if (first != NULL)
    offer_drafts (WFL_APPLICATION (app), first);
}

/* The same file: equal URIs, or the same file id (one file by two paths,
 * through a link). */
static gboolean
same_file (GFile *a,
           GFile *b)
{
  g_autoptr(GFileInfo) ia = NULL;
  g_autoptr(GFileInfo) ib = NULL;
  const char *id;

  if (g_file_equal (a, b))
    return TRUE;
  ia = g_file_query_info (a, G_FILE_ATTRIBUTE_ID_FILE, G_FILE_QUERY_INFO_NONE, NULL, NULL);
  ib = g_file_query_info (b, G_FILE_ATTRIBUTE_ID_FILE, G_FILE_QUERY_INFO_NONE, NULL, NULL);
  id = ia != NULL ? g_file_info_get_attribute_string (ia, G_FILE_ATTRIBUTE_ID_FILE) : NULL;
  return id != NULL && ib != NULL &&
         g_strcmp0 (id, g_file_info_get_attribute_string (ib, G_FILE_ATTRIBUTE_ID_FILE)) == 0;
}

WflWindow *
wfl_application_find_window (WflApplication *self,
                             GFile          *file)
{
  g_return_val_if_fail (WFL_IS_APPLICATION (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      GFile *shown;

      if (!WFL_IS_WINDOW (l->data))
        continue;
      shown = wfl_document_get_file (wfl_window_get_document (l->data));
      if (shown != NULL && same_file (shown, file))
        return l->data;
    }
  return NULL;
}

/* Closes every window, so that each can ask about unsaved changes; the
 * application ends when the last one is gone. */
static void
quit_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (user_data)));

  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
  g_list_free (windows);
}

static void
new_window_action (GSimpleAction *action,
                   GVariant      *param,
                   gpointer       user_data)
{
  WflWindow *window = wfl_window_new (WFL_APPLICATION (user_data));

  gtk_window_present (GTK_WINDOW (window));
}

static void
about_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  const char *developers[] = { "The Waferline Authors", NULL };

  adw_show_about_window (gtk_application_get_active_window (app),
                         "application-name", _("Waferline"),
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "developers", developers,
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "comments", _("Where is the chokepoint in the AI hardware supply chain, and how long does an order really take?"),
                         NULL);
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "new-window", new_window_action },
  { "about", about_action },
};

static void
wfl_application_startup (GApplication *app)
{
  G_APPLICATION_CLASS (wfl_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit",
                                         (const char *[]) { "<Control>q", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.new-window",
                                         (const char *[]) { "<Control>n", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "window.close",
                                         (const char *[]) { "<Control>w", NULL });
}

static void
wfl_application_class_init (WflApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = wfl_application_activate;
  app_class->open = wfl_application_open;
  app_class->startup = wfl_application_startup;
}

static void
wfl_application_init (WflApplication *self)
{
}

WflApplication *
wfl_application_new (void)
{
  return g_object_new (WFL_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/waferline/Waferline",
                       NULL);
}
