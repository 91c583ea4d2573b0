/* wfl-scenario-xml-loader-private.h: the reader's helpers, shared by
 * wfl-scenario-xml-read.c and the readers of version-2 sections kept in
 * files of their own (wfl-uncertainty-xml.c)
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wfl-scenario-xml-private.h"

G_BEGIN_DECLS

/* Internal names: these are not static so that the section readers can
 * share them, and not public. */
#define add_problem               _wfl_xml_add_problem
#define node_line                 _wfl_xml_node_line
#define collect_attributes        _wfl_xml_collect_attributes
#define require                   _wfl_xml_require
#define parse_id                  _wfl_xml_parse_id
#define parse_string              _wfl_xml_parse_string
#define parse_date                _wfl_xml_parse_date
#define parse_number              _wfl_xml_parse_number
#define parse_int                 _wfl_xml_parse_int
#define bad_enum                  _wfl_xml_bad_enum
#define parse_confidence          _wfl_xml_parse_confidence
#define child_iter_init           _wfl_xml_child_iter_init
#define child_iter_next           _wfl_xml_child_iter_next
#define check_empty               _wfl_xml_check_empty
#define require_version_element   _wfl_xml_require_version_element

typedef struct
{
  GPtrArray        *problems;      /* of WflProblem* */
  WflScenarioError  code;          /* the worst kind of problem so far, 0 = none */
  gboolean          stopped;       /* we halted the parser */
  gboolean          truncated;     /* too many problems to list */
  GPtrArray        *scratch;       /* xmlChar* to xmlFree */
  WflLoadFlags      flags;
  int               version;       /* the file's format-version (1 until read) */
} Loader;

enum {
  CHILD_REPEAT   = 1 << 0,
  CHILD_REQUIRED = 1 << 1,
};

typedef struct
{
  const char *name;
  guint       flags;
} ChildSpec;

typedef struct
{
  Loader          *l;
  xmlNode         *parent;
  const ChildSpec *spec;
  guint            n_spec;
  xmlNode         *next;
  int              last;
  guint            seen;
  gboolean         text_reported;
} ChildIter;

#define PARSE_ENUM(l, el, name, value, Type, func, out, choices) \
  G_STMT_START {                                                  \
    Type v_;                                                      \
    if ((value) != NULL)                                          \
      {                                                           \
        if (func ((value), &v_))                                  \
          *(out) = v_;                                            \
        else                                                      \
          bad_enum ((l), (el), (name), (value), (choices));       \
      }                                                           \
  } G_STMT_END

void      add_problem          (Loader             *l,
                                int                 line,
                                const char         *format,
                                ...) G_GNUC_PRINTF (3, 4);
int       node_line            (xmlNode            *node);
/* Fills values[i] with the attribute names[i] (NULL when absent), and
 * reports every attribute in no namespace or ours that is not listed. */
void      collect_attributes   (Loader             *l,
                                xmlNode            *el,
                                const char * const *names,
                                guint               n_names,
                                const char        **values);
gboolean  require              (Loader             *l,
                                xmlNode            *el,
                                const char         *name,
                                const char         *value);
void      parse_id             (Loader             *l,
                                xmlNode            *el,
                                const char         *name,
                                const char         *value,
                                char              **out);
void      parse_string         (const char         *value,
                                char              **out);
void      parse_date           (Loader             *l,
                                xmlNode            *el,
                                const char         *name,
                                const char         *value,
                                WflDate            *out);
gboolean  parse_number         (Loader             *l,
                                xmlNode            *el,
                                const char         *name,
                                const char         *value,
                                gboolean            non_negative,
                                double             *out);
void      parse_int            (Loader             *l,
                                xmlNode            *el,
                                const char         *name,
                                const char         *value,
                                gboolean            non_negative,
                                int                *out);
void      bad_enum             (Loader             *l,
                                xmlNode            *el,
                                const char         *name,
                                const char         *value,
                                const char         *choices);
void      parse_confidence     (Loader             *l,
                                xmlNode            *el,
                                const char         *value,
                                WflConfidence      *out);
void      child_iter_init      (ChildIter          *it,
                                Loader             *l,
                                xmlNode            *parent,
                                const ChildSpec    *spec,
                                guint               n_spec);
gboolean  child_iter_next      (ChildIter          *it,
                                xmlNode           **child_out,
                                guint              *slot_out);
/* An element with no children of ours (foreign ones are fine). */
void      check_empty          (Loader             *l,
                                xmlNode            *el);
gboolean  require_version_element (Loader          *l,
                                xmlNode            *el,
                                int                 version);

/* wfl-uncertainty-xml.c: <uncertainty> and <experiments> (version 2). */
void      _wfl_uncertainty_xml_load_uncertainty (Loader      *l,
                                                 xmlNode     *el,
                                                 WflScenario *scenario);
void      _wfl_uncertainty_xml_load_experiments (Loader      *l,
                                                 xmlNode     *el,
                                                 WflScenario *scenario);
/* Appends both elements (nothing when there is nothing to write). */
void      _wfl_uncertainty_xml_write            (GString     *out,
                                                 WflScenario *scenario);

G_END_DECLS
