/** The demo's accounts (invented people; their passwords are in the README, so demo mode only). */
export const DEMO = {
  host: { email: 'host@konok.example', password: 'Konok-demo-2026', pin: '246810' },
  operator: { email: 'operator@konok.example', password: 'Konok-operator-2026' },
};

/** The demo hotel's two accounts (its name and people are the country's: demo-country.ts). */
export const DEMO_ENTITY = {
  admin: { email: 'hotel@konok.example', password: 'Konok-hotel-2026', pin: '135791' },
  receptionist: {
    email: 'reception@konok.example',
    password: 'Konok-reception-2026',
    pin: '975312',
  },
};
