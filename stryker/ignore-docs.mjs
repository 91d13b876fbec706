// An Ignore plugin (Stryker ≥ 7.2): the arguments of zod's `.describe(...)` and `.meta(...)` are
// documentation for the OpenAPI document, not behaviour; a mutant there ("" for a description, {} for
// a schema id) changes no decision and no test of the area can fail on it. Only the arguments are
// ignored: the schema chain the call hangs on (`.int().min(0)...`) is still mutated.

const DOC_METHODS = new Set(['describe', 'meta']);

class DocumentationIgnorer {
  shouldIgnore(path) {
    if (path.listKey !== 'arguments') return undefined;
    const call = path.parentPath?.node;
    if (call?.type !== 'CallExpression' || call.callee.type !== 'MemberExpression') return undefined;
    const name = call.callee.property.type === 'Identifier' ? call.callee.property.name : undefined;
    return name && DOC_METHODS.has(name) ? `documentation: the argument of .${name}() only feeds the OpenAPI document` : undefined;
  }
}

// What @stryker-mutator/api's declareClassPlugin(PluginKind.Ignore, ...) returns, written out so the
// project needs no direct dependency on that package.
export const strykerPlugins = [{ kind: 'Ignore', name: 'documentation', injectableClass: DocumentationIgnorer }];
