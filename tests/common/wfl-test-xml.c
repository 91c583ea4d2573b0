/* wfl-test-xml.c: reading scenario fixtures in the XML tests
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <libxml/relaxng.h>

#include "wfl-scenario-xml-private.h"
#include "wfl-test-xml.h"

char *
wfl_test_read_fixture (const char *name,
                       gsize      *length)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autoptr(GError) error = NULL;
  char *data = NULL;

  g_file_get_contents (path, &data, length, &error);
  g_assert_no_error (error);
  return data;
}

int
wfl_test_line_of (const char *text,
                  const char *needle)
{
  const char *at = strstr (text, needle);
  int line = 1;

  g_assert_nonnull (at);
  for (const char *p = text; p < at; p++)
    line += *p == '\n';
  return line;
}

gboolean
wfl_test_matches_schema (const char *data,
                         gsize       length)
{
  xmlRelaxNGValidCtxtPtr ctxt = xmlRelaxNGNewValidCtxt (_wfl_scenario_get_schema ());
  xmlDoc *doc = xmlReadMemory (data, (int) length, NULL, "UTF-8",
                               XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  int ret;

  g_assert_nonnull (doc);
  xmlRelaxNGSetValidStructuredErrors (ctxt, NULL, NULL);
  ret = xmlRelaxNGValidateDoc (ctxt, doc);
  xmlRelaxNGFreeValidCtxt (ctxt);
  xmlFreeDoc (doc);
  return ret == 0;
}
