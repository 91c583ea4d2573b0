/* test-messages.c: the text of messages, worked out by hand
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* wfl_message_cut_quotes () and wfl_format_figure () (wfl-model-types.c),
 * which every problem message goes through, and the reader's messages
 * about bytes: the survivors of a mutation run (build-aux/mutate.py)
 * showed that the German quotes „…“, the boundary of 80 characters, the
 * exponents of figures and the byte a message names were pinned by no
 * test. */

#include "config.h"

#include <string.h>

#include "wfl-model.h"

static char *
cut (const char *message)
{
  return wfl_message_cut_quotes (g_strdup (message));
}

/* A span of n characters c between the quotes open and close. */
static char *
quoted (const char *open,
        const char *close,
        guint       n,
        char        c)
{
  g_autofree char *body = g_strnfill (n, c);

  return g_strconcat ("Node ", open, body, close, " is unknown.", NULL);
}

/* Every kind of quote: a span of 81 characters is cut to its first 64 and
 * "…", keeping the closing quote and what follows; one of 80 is not. */
static void
test_cut_quotes_every_kind (void)
{
  const char *kinds[][2] = {
    { "“", "”" },   /* English */
    { "„", "“" },   /* German */
    { "«", "»" },   /* French */
    { "<", ">" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autofree char *long_span = quoted (kinds[i][0], kinds[i][1], 81, 'x');
      g_autofree char *edge = quoted (kinds[i][0], kinds[i][1], 80, 'y');
      g_autofree char *body = g_strnfill (64, 'x');
      g_autofree char *want = g_strconcat ("Node ", kinds[i][0], body, "…", kinds[i][1], " is unknown.", NULL);
      g_autofree char *got = cut (long_span);
      g_autofree char *kept = cut (edge);

      g_assert_cmpstr (got, ==, want);
      g_assert_cmpstr (kept, ==, edge);
    }
}

/* Several spans, one cut and one not; an opening quote without its
 * closing one cuts nothing; short messages come back as they are. */
static void
test_cut_quotes_mixed (void)
{
  g_autofree char *a = g_strnfill (100, 'a');
  g_autofree char *b = g_strnfill (10, 'b');
  g_autofree char *message = g_strdup_printf ("Link “%s” → „%s“ from <%s>", a, b, a);
  g_autofree char *a64 = g_strnfill (64, 'a');
  g_autofree char *want = g_strdup_printf ("Link “%s…” → „%s“ from <%s…>", a64, b, a64);
  g_autofree char *got = cut (message);
  g_autofree char *open = g_strdup_printf ("Value “%s has no end", a);
  g_autofree char *open_got = cut (open);
  g_autofree char *short_got = cut ("Short “x” stays");

  g_assert_cmpstr (got, ==, want);
  g_assert_cmpstr (open_got, ==, open);
  g_assert_cmpstr (short_got, ==, "Short “x” stays");
}

/* A message is one line: control characters become spaces, in short and
 * long messages alike. */
static void
test_cut_quotes_one_line (void)
{
  g_autofree char *a = g_strnfill (100, 'a');
  g_autofree char *message = g_strdup_printf ("Field “x\ny”\t%s\r\x7f", a);
  g_autofree char *want = g_strdup_printf ("Field “x y” %s  ", a);
  g_autofree char *got = cut (message);
  g_autofree char *short_got = cut ("a\nb\x1f" "c");

  g_assert_cmpstr (got, ==, want);
  g_assert_cmpstr (short_got, ==, "a b c");
}

/* Figures in messages: %g in the C locale, without "+" and leading zeros
 * in the exponent. */
static void
test_format_figure (void)
{
  struct { double value; const char *text; } cases[] = {
    { 0.5, "0.5" },
    { 123, "123" },
    { 1e-6, "1e-6" },
    { 1.5e-7, "1.5e-7" },
    { 1e15, "1e15" },
    { 1e100, "1e100" },
    { 2.5e-300, "2.5e-300" },
    { -3e20, "-3e20" },
    { 0, "0" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = wfl_format_figure (cases[i].value);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

/* The reader names the byte that makes a file binary or not UTF-8,
 * counting from 1: the prefix below is 22 bytes, "<scen" 5 more, so the
 * bad byte is the 28th, on line 2. */
static void
test_reader_bad_byte (void)
{
  const char prefix[] = "<?xml version=\"1.0\"?>\n<scen";
  const char *bad[] = { "\0", "\xff" };
  const char *what[] = { "NUL byte (byte 28)", "UTF-8 text (byte 28)" };

  g_assert_cmpuint (strlen (prefix), ==, 27);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GString) data = g_string_new (prefix);
      g_autoptr(GPtrArray) problems = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(WflScenario) scenario = NULL;
      const WflProblem *problem;

      g_string_append_len (data, bad[i], 1);
      g_string_append (data, "ario/>\n");
      scenario = wfl_scenario_load_data (data->str, data->len, "NAME", &problems, &error);
      g_assert_null (scenario);
      g_assert_nonnull (error);
      g_assert_cmpuint (problems->len, ==, 1);
      problem = g_ptr_array_index (problems, 0);
      g_assert_cmpint (problem->line, ==, 2);
      if (strstr (problem->message, what[i]) == NULL)
        g_error ("“%s” does not say “%s”", problem->message, what[i]);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/wfl/model/messages/cut-quotes-every-kind", test_cut_quotes_every_kind);
  g_test_add_func ("/wfl/model/messages/cut-quotes-mixed", test_cut_quotes_mixed);
  g_test_add_func ("/wfl/model/messages/cut-quotes-one-line", test_cut_quotes_one_line);
  g_test_add_func ("/wfl/model/messages/format-figure", test_format_figure);
  g_test_add_func ("/wfl/model/messages/reader-bad-byte", test_reader_bad_byte);

  return g_test_run ();
}
