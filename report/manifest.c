/* manifest.c — manifest.json, the record of a run that lets anyone check its files: the
 * program and version, the command line (arguments after the program name), the working
 * directory and SOURCE_DATE_EPOCH it ran with, the provenance lines, and every file
 * written with its size and SHA-256 (report/manifest.schema.json). Read back by
 * `entente verify-run`, which re-runs the command and compares. */
#include "entente.h"
#include "../games/util.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

struct ent_manifest {
    json_t *root;
    size_t argc, nfiles;
};

int ent_manifest_write(FILE *f, const ent_manifest_info *m)
{
    json_t *root = json_object(), *cmd = json_array(), *prov = json_object(), *files = json_array();
    int bad = !root || !cmd || !prov || !files;
    if (!bad) {
        json_object_set_new(root, "program", json_string("entente"));
        json_object_set_new(root, "version", json_string(ENT_VERSION));
        for (int i = 0; i < m->argc; i++)
            json_array_append_new(cmd, json_string(m->argv[i]));
        json_object_set(root, "command", cmd);
        json_object_set_new(root, "working_directory", json_string(m->cwd ? m->cwd : ""));
        if (m->source_date_epoch)
            json_object_set_new(root, "source_date_epoch", json_string(m->source_date_epoch));
        else
            json_object_set_new(root, "source_date_epoch", json_null());
        for (size_t i = 0; i < m->nprov; i++)
            json_object_set_new(prov, m->prov[i].key, json_string(m->prov[i].value));
        json_object_set(root, "provenance", prov);
        for (size_t i = 0; i < m->nfiles; i++) {
            json_t *o = json_object();
            json_object_set_new(o, "path", json_string(m->files[i].path));
            json_object_set_new(o, "bytes", json_integer((json_int_t)m->files[i].bytes));
            json_object_set_new(o, "sha256", json_string(m->files[i].sha256));
            json_array_append_new(files, o);
        }
        json_object_set(root, "files", files);
        /* a string that is not UTF-8 makes json_string NULL and drops its member: refuse */
        bad = json_array_size(cmd) != (size_t)m->argc || json_array_size(files) != m->nfiles ||
              json_object_size(prov) > m->nprov ||
              json_dumpf(root, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER) != 0;
        fputc('\n', f);
    }
    json_decref(cmd);
    json_decref(prov);
    json_decref(files);
    json_decref(root);
    if (bad)
        return ENT_EINVAL;
    return ferror(f) ? ENT_EIO : ENT_OK;
}

static int is_hex64(const char *s)
{
    if (!s || strlen(s) != 64)
        return 0;
    for (int i = 0; i < 64; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
            return 0;
    return 1;
}

int ent_manifest_read(const char *path, ent_manifest **out, ent_error *err)
{
    *out = NULL;
    json_error_t je;
    json_t *root = json_load_file(path, JSON_REJECT_DUPLICATES, &je);
    if (!root) {
        if (je.line > 0)
            return ent_error_set(err, ENT_EPARSE, "%s:%d: %s", path, je.line, je.text);
        return ent_error_set(err, ENT_EIO, "%s: %s", path, je.text);
    }
    const char *why = NULL;
    json_t *cmd = json_object_get(root, "command"), *files = json_object_get(root, "files");
    json_t *cwd = json_object_get(root, "working_directory"), *sde = json_object_get(root, "source_date_epoch");
    if (!json_is_object(root))
        why = "not a JSON object";
    else if (!json_is_string(json_object_get(root, "program")) ||
             strcmp(json_string_value(json_object_get(root, "program")), "entente") != 0)
        why = "\"program\" is not \"entente\"";
    else if (!json_is_array(cmd) || json_array_size(cmd) == 0)
        why = "\"command\" must be a non-empty array of strings";
    else if (!json_is_array(files))
        why = "\"files\" must be an array";
    else if (cwd && !json_is_string(cwd))
        why = "\"working_directory\" must be a string";
    else if (sde && !json_is_string(sde) && !json_is_null(sde))
        why = "\"source_date_epoch\" must be a string or null";
    for (size_t i = 0; !why && i < json_array_size(cmd); i++)
        if (!json_is_string(json_array_get(cmd, i)))
            why = "\"command\" must be a non-empty array of strings";
    for (size_t i = 0; !why && i < json_array_size(files); i++) {
        json_t *o = json_array_get(files, i);
        const char *p = json_string_value(json_object_get(o, "path"));
        if (!json_is_object(o) || !p || !p[0])
            why = "every entry of \"files\" needs a \"path\"";
        else if (!is_hex64(json_string_value(json_object_get(o, "sha256"))))
            why = "every entry of \"files\" needs a \"sha256\" of 64 lowercase hex digits";
    }
    if (why) {
        json_decref(root);
        return ent_error_set(err, ENT_EPARSE, "%s: %s", path, why);
    }
    ent_manifest *m = calloc(1, sizeof *m);
    if (!m) {
        json_decref(root);
        return ent_error_set(err, ENT_ENOMEM, "out of memory");
    }
    m->root = root;
    m->argc = json_array_size(cmd);
    m->nfiles = json_array_size(files);
    *out = m;
    return ENT_OK;
}

void ent_manifest_free(ent_manifest **m)
{
    if (!m || !*m)
        return;
    json_decref((*m)->root);
    free(*m);
    *m = NULL;
}

size_t ent_manifest_argc(const ent_manifest *m) { return m->argc; }

const char *ent_manifest_arg(const ent_manifest *m, size_t i)
{
    return json_string_value(json_array_get(json_object_get(m->root, "command"), i));
}

const char *ent_manifest_cwd(const ent_manifest *m)
{
    return json_string_value(json_object_get(m->root, "working_directory"));
}

const char *ent_manifest_source_date_epoch(const ent_manifest *m)
{
    return json_string_value(json_object_get(m->root, "source_date_epoch"));
}

size_t ent_manifest_nfiles(const ent_manifest *m) { return m->nfiles; }

const char *ent_manifest_file(const ent_manifest *m, size_t i, const char **sha256)
{
    json_t *o = json_array_get(json_object_get(m->root, "files"), i);
    if (sha256)
        *sha256 = json_string_value(json_object_get(o, "sha256"));
    return json_string_value(json_object_get(o, "path"));
}
