/* wfl-test-fonts.h: release the font caches at the end of a render test
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib.h>
#include <pango/pangocairo.h>

static gint wfl_test_font_map_finalized;

static void
wfl_test_font_map_finalized_cb (gpointer data)
{
  g_atomic_int_set (&wfl_test_font_map_finalized, 1);
}

/* Releases Pango's default font map and then cairo's static caches, so
 * that a leak checker sees no font memory at exit, and cairo asserts that
 * no scaled font is still alive.
 *
 * Pango 1.50 matches and sorts fonts in threads of its own ("[pango]
 * FcFontSetMatch", "[pango] FcFontSetSort") that hold the font map for a
 * moment after its last user lets go: in a loop that draws a layout and
 * drops the map, about a third of the maps were still alive right after
 * pango_cairo_font_map_set_default (NULL).  Resetting cairo then fails its
 * assertion `live_entries == 0` (test-gantt-cli did so in about 1 run of
 * 8).  So wait until the map is finalised (its data is cleared at the end
 * of its finalisation, after its fonts are gone); a map still alive after
 * ten seconds is a real leak and fails the test. */
static inline void
wfl_test_release_font_caches (void)
{
  PangoFontMap *font_map = pango_cairo_font_map_get_default ();
  gint64 deadline;

  g_atomic_int_set (&wfl_test_font_map_finalized, 0);
  g_object_set_data_full (G_OBJECT (font_map), "wfl-test-finalized", font_map,
                          wfl_test_font_map_finalized_cb);
  pango_cairo_font_map_set_default (NULL);

  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (!g_atomic_int_get (&wfl_test_font_map_finalized))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Pango's font map is still referenced 10 s after it was released: a leak");
      g_usleep (500);
    }
  cairo_debug_reset_static_data ();
}
