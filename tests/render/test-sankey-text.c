/* test-sankey-text.c: text sizes and quantities
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * wfl-sankey-text.c: the metrics of a font are measured once and kept;
 * an ASCII string is as wide as its characters; quantities read "1 234",
 * "12.5 M".
 */

#include "config.h"

#include "wfl-sankey-layout-private.h"

static void
test_sankey_format_quantity (void)
{
  struct { double v; const char *unit; const char *text; } cases[] = {
    { 0, NULL, "0" },
    { 0.5974, NULL, "0.597" },
    { 4.38, NULL, "4.38" },
    { 26.862, "TWh", "26.9 TWh" },
    { 124.729, NULL, "125" },
    { 35000, "gpu", "35\u202f000 GPUs" },
    { 999499, NULL, "999\u202f499" },
    /* From a million up, every number in millions: never "22.4 M"
     * beside "3 431 899". */
    { 1234567, NULL, "1.23\u202fM" },
    { 3431899, "package", "3.43\u202fM packages" },
    { 22.4e6, "stack", "22.4\u202fM stacks" },
    { 12.5e6, "dies", "12.5\u202fM dies" },
    { 3.2e9, NULL, "3.2\u202fbn" },
    /* The unit in the plural unless the number reads 1. */
    { 0, "wafer", "0 wafers" },
    { 1, "wafer", "1 wafer" },
    { 1.0004, "wafer", "1 wafer" },
    { 1.5, "wafer", "1.5 wafers" },
    { 1000000, "wafer", "1\u202fM wafers" },
    { 2, "GPUs", "2 GPUs" },
    { 1, "GPUs", "1 GPU" },
    { 754, "MW", "754 MW" },
    { 3, "lot", "3 lots" },
    { 3, "units", "3 units" },
    { 3, "batch", "3 batches" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = wfl_sankey_format_quantity (cases[i].v, cases[i].unit);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_sankey_text_metrics (void)
{
  const TextMetrics *m = _wfl_sankey_get_metrics ("Sans", 10);

  /* Cached: the same table for the same font and size. */
  g_assert_true (_wfl_sankey_get_metrics ("Sans", 10) == m);
  g_assert_false (_wfl_sankey_get_metrics ("Sans", 12) == m);
  g_assert_cmpfloat (m->line_height, >, 0);
  g_assert_cmpfloat (m->average, >, 0);
  g_assert_cmpfloat (m->ascii['W'], >, 0);

  /* ASCII: the sum of the advances, line breaks ignored. */
  g_assert_cmpfloat (_wfl_sankey_text_width (m, "ab"), ==, m->ascii['a'] + m->ascii['b']);
  g_assert_cmpfloat (_wfl_sankey_text_width (m, "a\nb"), ==, _wfl_sankey_text_width (m, "ab"));
  g_assert_cmpfloat (_wfl_sankey_text_width_len (m, "abc", 2), ==, _wfl_sankey_text_width (m, "ab"));
  g_assert_cmpfloat (_wfl_sankey_text_width (m, ""), ==, 0);
  /* Anything else is laid out, whole. */
  g_assert_cmpfloat (_wfl_sankey_text_width (m, "1\u202f234"), >, _wfl_sankey_text_width (m, "1234"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/wfl/render/sankey-text/format-quantity", test_sankey_format_quantity);
  g_test_add_func ("/wfl/render/sankey-text/metrics", test_sankey_text_metrics);

  return g_test_run ();
}
