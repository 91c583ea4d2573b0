/* wfl-scenario-xml-resource.c: the model's resource, the compiled schema
 * and the bounded reading of a scenario file, for the XML reader
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wfl-scenario-xml"

#include "config.h"

#include "wfl-model-resources.h"
#include "wfl-scenario-xml-private.h"

#define SCHEMA_RESOURCE "/io/github/waferline/Waferline/schema/waferline.rng"

/* The model's resource (schema and built-in scenario), registered once, so
 * that resource:// URIs find it too. */
GResource *
_wfl_scenario_model_resource (void)
{
  static gsize registered = 0;

  if (g_once_init_enter (&registered))
    {
      wfl_model_register_resource ();
      g_once_init_leave (&registered, 1);
    }
  return wfl_model_get_resource ();
}

GBytes *
_wfl_scenario_get_schema_bytes (void)
{
  return g_resource_lookup_data (_wfl_scenario_model_resource (), SCHEMA_RESOURCE,
                                 G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
}

static void
schema_error_cb (void        *data,
                 xmlErrorPtr  error)
{
  g_warning ("waferline.rng:%d: %s", error->line, error->message);
}

static gpointer
compile_schema (gpointer data)
{
  g_autoptr(GBytes) bytes = _wfl_scenario_get_schema_bytes ();
  xmlRelaxNGParserCtxtPtr ctxt;
  xmlRelaxNGPtr schema;
  gsize size;
  const char *rng;

  g_return_val_if_fail (bytes != NULL, NULL);

  rng = g_bytes_get_data (bytes, &size);
  ctxt = xmlRelaxNGNewMemParserCtxt (rng, (int) size);
  xmlRelaxNGSetParserStructuredErrors (ctxt, schema_error_cb, NULL);
  schema = xmlRelaxNGParse (ctxt);
  xmlRelaxNGFreeParserCtxt (ctxt);

  if (schema == NULL)
    g_critical ("The embedded scenario schema does not compile");
  return schema;
}

xmlRelaxNGPtr
_wfl_scenario_get_schema (void)
{
  static GOnce once = G_ONCE_INIT;

  return g_once (&once, compile_schema, NULL);
}

/* Reads at most limit + 1 bytes, so that a file that grows (or a device
 * or pipe without a size) cannot make us read without bound. */
GBytes *
_wfl_scenario_read_bounded (GFile         *file,
                            gsize          limit,
                            GCancellable  *cancellable,
                            gboolean      *too_large,
                            GError       **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GByteArray) buffer = NULL;
  gsize expected = 64 * 1024;

  *too_large = FALSE;

  stream = g_file_read (file, cancellable, error);
  if (stream == NULL)
    return NULL;

  info = g_file_input_stream_query_info (stream, G_FILE_ATTRIBUTE_STANDARD_SIZE, cancellable, NULL);
  if (info != NULL && g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_STANDARD_SIZE))
    {
      goffset size = g_file_info_get_size (info);

      if (size > (goffset) limit)
        {
          *too_large = TRUE;
          return NULL;
        }
      if (size > 0)
        expected = (gsize) size;
    }

  buffer = g_byte_array_sized_new (expected + 1);
  for (;;)
    {
      gsize room = MIN (MAX (expected + 1, buffer->len / 2 + 4096), limit + 1 - buffer->len);
      gsize old_len = buffer->len;
      gsize n = 0;

      g_byte_array_set_size (buffer, old_len + room);
      if (!g_input_stream_read_all (G_INPUT_STREAM (stream), buffer->data + old_len, room, &n,
                                    cancellable, error))
        return NULL;
      g_byte_array_set_size (buffer, old_len + n);

      if (buffer->len > limit)
        {
          *too_large = TRUE;
          return NULL;
        }
      if (n < room)
        break;
    }

  if (!g_input_stream_close (G_INPUT_STREAM (stream), cancellable, error))
    return NULL;

  return g_byte_array_free_to_bytes (g_steal_pointer (&buffer));
}
