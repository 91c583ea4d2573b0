/* wfl-scenario-xml-private.h: libxml2 helpers shared inside the model
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/tree.h>

#include "wfl-scenario-xml.h"

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlParserCtxt, xmlFreeParserCtxt)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlRelaxNGValidCtxt, xmlRelaxNGFreeValidCtxt)

/* Files up to this size are also checked against the compiled schema
 * (see load() in wfl-scenario-xml-read.c for why not larger ones). */
#define WFL_SCENARIO_SCHEMA_CHECK_MAX_SIZE (1024 * 1024)

typedef enum
{
  WFL_LOAD_FORCE_SCHEMA           = 1 << 0,  /* check against the schema whatever the size */
  WFL_LOAD_SCHEMA_MISMATCH_ABORTS = 1 << 1,  /* g_error() when the conversion accepts what the
                                              * schema refuses (for the fuzz target) */
  WFL_LOAD_GRAMMAR_ONLY           = 1 << 2,  /* skip the model's rules (wfl_scenario_validate()):
                                              * for tests of the reading of numbers beyond the
                                              * supported ranges */
} WflLoadFlags;

WflScenario   *_wfl_scenario_load_data_full   (const char    *data,
                                               gsize          length,
                                               const char    *display_name,
                                               WflLoadFlags   flags,
                                               GPtrArray    **problems,
                                               GError       **error) G_GNUC_WARN_UNUSED_RESULT;

/* wfl-scenario-xml-resource.c: the model's resource (schema and built-in
 * scenario), registered once, so that resource:// URIs find it too. */
GResource     *_wfl_scenario_model_resource   (void);

/* Reads at most limit + 1 bytes, so that a file that grows (or a device
 * or pipe without a size) cannot make us read without bound; *too_large
 * when there were more than limit. */
GBytes        *_wfl_scenario_read_bounded     (GFile         *file,
                                               gsize          limit,
                                               GCancellable  *cancellable,
                                               gboolean      *too_large,
                                               GError       **error) G_GNUC_WARN_UNUSED_RESULT;

/* The RELAX NG schema compiled into the model library (data/waferline.rng),
 * compiled once; NULL only if it could not be compiled (a build error). */
xmlRelaxNGPtr  _wfl_scenario_get_schema       (void);

/* The bytes of the embedded data/waferline.rng. */
GBytes        *_wfl_scenario_get_schema_bytes (void) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
