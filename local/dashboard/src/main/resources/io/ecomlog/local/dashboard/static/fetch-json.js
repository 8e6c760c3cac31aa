'use strict';
// What both pages share: a GET of the dashboard's JSON API. Parameters go into the query string as values (null,
// undefined and '' are left out); a failed answer throws with the API's own error message.
window.ecomlogApi = Object.freeze({
  async getJson(path, params = {}) {
    const url = new URL(path, window.location.href);
    for (const [name, value] of Object.entries(params)) {
      if (value !== null && value !== undefined && value !== '') url.searchParams.set(name, value);
    }
    const response = await fetch(url, {cache: 'no-store'});
    const body = await response.json().catch(() => null);
    if (!response.ok) throw new Error(body && body.error ? body.error : `${response.status} ${response.statusText}`);
    return body;
  },
});
