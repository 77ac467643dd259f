/**
 * The handlebars side of the emitters: one private instance, its helpers, and the templates of
 * generator/templates/ compiled once. Templates print code text the emitters already decided;
 * nothing is HTML-escaped (noEscape), and a missing value is an error (strict), not a blank.
 */
import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';

const hbs = Handlebars.create();

hbs.registerHelper('plural', (count: number, one: string, many: string) => (count === 1 ? one : many));

export type TemplateName = 'resource' | 'service-index' | 'provider-index' | 'index';

const compiled = new Map<TemplateName, Handlebars.TemplateDelegate>();

export function render(name: TemplateName, view: object): string {
  let template = compiled.get(name);
  if (!template) {
    const source = readFileSync(new URL(`../templates/${name}.hbs`, import.meta.url), 'utf8');
    template = hbs.compile(source, { noEscape: true, strict: true, preventIndent: true });
    compiled.set(name, template);
  }
  return template(view);
}
