// The SDK's params types are read off the protocol's validators (packages/protocol/src/methods.ts).
// Typedoc would show how: each field's validator as its default value (`credentialId = opaqueId`)
// and the internal helper the interface extends (`Sent<typeof …>`, "Inherited from SentParams").
// An integrator needs the fields, so this drops both.
import ts from 'typescript';
import { Converter, ReflectionKind } from 'typedoc';

const HELPERS = new Set(['Sent', 'SentParams']);

const isValidatorField = (declaration) =>
  declaration !== undefined &&
  ts.isPropertyAssignment(declaration) &&
  ts.isObjectLiteralExpression(declaration.parent) &&
  ts.isCallExpression(declaration.parent.parent);

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    for (const reflection of context.project.getReflectionsByKind(ReflectionKind.Property)) {
      if (reflection.defaultValue && isValidatorField(context.getSymbolFromReflection(reflection)?.declarations?.[0]))
        delete reflection.defaultValue;
    }
  });
  app.converter.on(
    Converter.EVENT_RESOLVE_END,
    (context) => {
      for (const reflection of context.project.getReflectionsByKind(ReflectionKind.Interface)) {
        if (!reflection.extendedTypes?.every((type) => HELPERS.has(type.name))) continue;
        delete reflection.extendedTypes;
        delete reflection.typeHierarchy;
        for (const child of reflection.children ?? []) delete child.inheritedFrom;
      }
    },
    -100,
  ); // after typedoc's own resolvers, which fill in the hierarchy
}
