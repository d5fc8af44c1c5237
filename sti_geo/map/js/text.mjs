// The runtime's words come from Python's catalogue (config.strings); a {field} is filled from `fields`.
export function say(strings, name, fields) {
  return ((strings || {})[name] || '').replace(/\{(\w+)\}/g, function (_, k) {
    return fields && k in fields ? String(fields[k]) : '';
  });
}
