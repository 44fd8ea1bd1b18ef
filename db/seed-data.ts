/**
 * Name and place lists for the demo and benchmark seeds (db/seed.ts).
 *
 * People are drawn from cultural groups so that first name, last name, city, time zone and
 * phone prefix fit together. Within a group, names are listed roughly from most to least
 * common; the seed weights them by rank, so common names (and their fragments) show up as
 * often as they would in a real customer base.
 */

export type City = {
  city: string;
  country: string;
  /** IANA zone of the city. */
  timezone: string;
  /** Country calling code, without the plus. */
  dialCode: string;
};

export type Culture = {
  /** BCP 47 tag, stored in some users' metadata. */
  locale: string;
  /** Share of the population, relative to the other groups. */
  weight: number;
  firstNames: string[];
  lastNames: string[];
  cities: City[];
  /** Turns a last name into the form a woman would carry (Polish -ski/-ska), where that differs. */
  feminine?: { firstNameEndings: string[]; lastName: (lastName: string) => string };
};

const city = (name: string, country: string, timezone: string, dialCode: string): City => ({
  city: name,
  country,
  timezone,
  dialCode,
});

export const cultures: Culture[] = [
  {
    locale: 'en-US',
    weight: 15,
    firstNames: [
      'James', 'Mary', 'Michael', 'Jennifer', 'Robert', 'Linda', 'David', 'Sarah', 'William', 'Emily', 'Christopher',
      'Jessica', 'Daniel', 'Ashley', 'Matthew', 'Megan', 'Andrew', 'Lauren', 'Joshua', 'Hannah', 'Ethan', 'Olivia',
      'Tyler', 'Madison', 'Brandon', 'Chloe', 'Jordan', 'Taylor', 'Kevin', 'Rachel', 'Zoë', 'Brianna', 'Marcus', 'Jasmine',
    ],
    lastNames: [
      'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Miller', 'Davis', 'Wilson', 'Anderson', 'Taylor', 'Thomas',
      'Moore', 'Jackson', 'Martin', 'Thompson', 'White', 'Harris', 'Clark', 'Lewis', 'Walker', 'Hall', 'Young', 'Allen',
      'King', 'Wright', 'Scott', 'Green', 'Baker', 'Adams', 'Nelson', 'Carter', 'Mitchell', 'Roberts', 'Turner',
      'Phillips', 'Campbell', 'Parker', 'Evans', 'Edwards', 'Collins', 'Washington', 'Brooks', 'Sullivan', 'Fitzgerald',
    ],
    cities: [
      city('New York', 'United States', 'America/New_York', '1'),
      city('San Francisco', 'United States', 'America/Los_Angeles', '1'),
      city('Chicago', 'United States', 'America/Chicago', '1'),
      city('Austin', 'United States', 'America/Chicago', '1'),
      city('Seattle', 'United States', 'America/Los_Angeles', '1'),
      city('Boston', 'United States', 'America/New_York', '1'),
      city('Denver', 'United States', 'America/Denver', '1'),
      city('Atlanta', 'United States', 'America/New_York', '1'),
      city('Phoenix', 'United States', 'America/Phoenix', '1'),
      city('Toronto', 'Canada', 'America/Toronto', '1'),
      city('Vancouver', 'Canada', 'America/Vancouver', '1'),
    ],
  },
  {
    locale: 'en-IE',
    weight: 8,
    firstNames: [
      'Aoife', 'Oliver', 'Siobhán', 'George', 'Niamh', 'Ciarán', 'Amelia', 'Oisín', 'Isla', 'Seán', 'Saoirse', 'Harry',
      'Róisín', 'Pádraig', 'Freya', 'Eoin', 'Charlotte', 'Rhys', 'Cerys', 'Callum', 'Eilidh', 'Fiona', 'Hamish',
      'Gareth', 'Poppy', 'Alfie', 'Méabh', 'Tadhg',
    ],
    lastNames: [
      'Murphy', 'Kelly', "O'Brien", 'Jones', "O'Sullivan", 'Walsh', 'Davies', 'Byrne', 'Ryan', 'Evans', "O'Connor",
      'McCarthy', 'Hughes', 'Doyle', 'Gallagher', 'Robinson', 'Morgan', 'MacDonald', 'Stewart', 'Fraser', 'Cooper',
      'Bennett', 'Ward', 'Ó Súilleabháin', 'Ó Ceallaigh', 'Quinn', 'Brennan', 'Lynch',
    ],
    cities: [
      city('Dublin', 'Ireland', 'Europe/Dublin', '353'),
      city('Cork', 'Ireland', 'Europe/Dublin', '353'),
      city('Galway', 'Ireland', 'Europe/Dublin', '353'),
      city('London', 'United Kingdom', 'Europe/London', '44'),
      city('Manchester', 'United Kingdom', 'Europe/London', '44'),
      city('Edinburgh', 'United Kingdom', 'Europe/London', '44'),
      city('Cardiff', 'United Kingdom', 'Europe/London', '44'),
      city('Belfast', 'United Kingdom', 'Europe/London', '44'),
    ],
  },
  {
    locale: 'es-ES',
    weight: 11,
    firstNames: [
      'María', 'José', 'Lucía', 'Juan', 'Carmen', 'Alejandro', 'Sofía', 'Javier', 'Valentina', 'Diego', 'Camila', 'Mateo',
      'Isabel', 'Andrés', 'Paula', 'Martín', 'Ximena', 'Pablo', 'Daniela', 'Santiago', 'Inés', 'Álvaro', 'Ángela',
      'Adrián', 'Raúl', 'Verónica', 'Gonzalo', 'Iñaki', 'Begoña', 'Nerea', 'Ramón', 'Guadalupe',
    ],
    lastNames: [
      'García', 'Martínez', 'Rodríguez', 'López', 'Hernández', 'González', 'Pérez', 'Sánchez', 'Ramírez', 'Torres',
      'Flores', 'Rivera', 'Gómez', 'Díaz', 'Núñez', 'Morales', 'Jiménez', 'Ruiz', 'Álvarez', 'Romero', 'Navarro',
      'Domínguez', 'Vázquez', 'Castillo', 'Ortega', 'Delgado', 'Muñoz', 'Castro', 'Herrera', 'Medina', 'Aguilar',
      'Vargas', 'Ibáñez', 'Echeverría', 'Peña',
    ],
    cities: [
      city('Madrid', 'Spain', 'Europe/Madrid', '34'),
      city('Barcelona', 'Spain', 'Europe/Madrid', '34'),
      city('Sevilla', 'Spain', 'Europe/Madrid', '34'),
      city('Bilbao', 'Spain', 'Europe/Madrid', '34'),
      city('Mexico City', 'Mexico', 'America/Mexico_City', '52'),
      city('Guadalajara', 'Mexico', 'America/Mexico_City', '52'),
      city('Buenos Aires', 'Argentina', 'America/Argentina/Buenos_Aires', '54'),
      city('Bogotá', 'Colombia', 'America/Bogota', '57'),
      city('Medellín', 'Colombia', 'America/Bogota', '57'),
      city('Santiago', 'Chile', 'America/Santiago', '56'),
      city('Lima', 'Peru', 'America/Lima', '51'),
    ],
  },
  {
    locale: 'pt-BR',
    weight: 6,
    firstNames: [
      'João', 'Ana', 'Pedro', 'Beatriz', 'Lucas', 'Mariana', 'Gabriel', 'Larissa', 'Rafael', 'Fernanda', 'Thiago',
      'Juliana', 'Gonçalo', 'Inês', 'Tomás', 'Leonor', 'Caio', 'Letícia', 'Vinícius', 'Bruna', 'Otávio', 'Conceição',
    ],
    lastNames: [
      'Silva', 'Santos', 'Oliveira', 'Souza', 'Pereira', 'Costa', 'Ferreira', 'Rodrigues', 'Almeida', 'Carvalho',
      'Gomes', 'Ribeiro', 'Martins', 'Araújo', 'Barbosa', 'Gonçalves', 'Magalhães', 'Lopes', 'Fonseca', 'Assunção',
    ],
    cities: [
      city('São Paulo', 'Brazil', 'America/Sao_Paulo', '55'),
      city('Rio de Janeiro', 'Brazil', 'America/Sao_Paulo', '55'),
      city('Belo Horizonte', 'Brazil', 'America/Sao_Paulo', '55'),
      city('Recife', 'Brazil', 'America/Recife', '55'),
      city('Lisbon', 'Portugal', 'Europe/Lisbon', '351'),
      city('Porto', 'Portugal', 'Europe/Lisbon', '351'),
    ],
  },
  {
    locale: 'de-DE',
    weight: 7,
    firstNames: [
      'Lukas', 'Anna', 'Jonas', 'Lena', 'Maximilian', 'Sophie', 'Felix', 'Marie', 'Leon', 'Laura', 'Tobias', 'Katrin',
      'Matthias', 'Franziska', 'Stefan', 'Sabine', 'Jürgen', 'Ute', 'Jörg', 'Mareike', 'Sören', 'Björn', 'Günter', 'Uwe',
    ],
    lastNames: [
      'Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann', 'Koch',
      'Bauer', 'Richter', 'Klein', 'Wolf', 'Schröder', 'Neumann', 'Schwarz', 'Zimmermann', 'Braun', 'Krüger', 'Hartmann',
      'Lange', 'Weiß', 'Köhler', 'Groß', 'Jäger', 'Huber', 'Gruber',
    ],
    cities: [
      city('Berlin', 'Germany', 'Europe/Berlin', '49'),
      city('München', 'Germany', 'Europe/Berlin', '49'),
      city('Hamburg', 'Germany', 'Europe/Berlin', '49'),
      city('Köln', 'Germany', 'Europe/Berlin', '49'),
      city('Frankfurt am Main', 'Germany', 'Europe/Berlin', '49'),
      city('Wien', 'Austria', 'Europe/Vienna', '43'),
      city('Zürich', 'Switzerland', 'Europe/Zurich', '41'),
    ],
  },
  {
    locale: 'fr-FR',
    weight: 6,
    firstNames: [
      'Camille', 'Louis', 'Léa', 'Hugo', 'Chloé', 'Théo', 'Manon', 'Clément', 'Élodie', 'Jérôme', 'Margaux', 'François',
      'Amélie', 'Benoît', 'Noémie', 'Gaël', 'Océane', 'Étienne', 'Céline', 'Aurélien', 'Hélène', 'Maël', 'Zoé',
    ],
    lastNames: [
      'Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Simon',
      'Laurent', 'Lefèvre', 'Michel', 'Fontaine', 'Rousseau', 'Girard', 'Bonnet', 'Lambert', 'Faure', 'Mercier',
      'Chevalier', 'Gauthier', 'Tremblay', 'Gagnon', 'Côté', 'Bélanger',
    ],
    cities: [
      city('Paris', 'France', 'Europe/Paris', '33'),
      city('Lyon', 'France', 'Europe/Paris', '33'),
      city('Marseille', 'France', 'Europe/Paris', '33'),
      city('Toulouse', 'France', 'Europe/Paris', '33'),
      city('Nantes', 'France', 'Europe/Paris', '33'),
      city('Montréal', 'Canada', 'America/Toronto', '1'),
      city('Bruxelles', 'Belgium', 'Europe/Brussels', '32'),
      city('Genève', 'Switzerland', 'Europe/Zurich', '41'),
    ],
  },
  {
    locale: 'it-IT',
    weight: 4,
    firstNames: [
      'Giulia', 'Alessandro', 'Francesca', 'Lorenzo', 'Chiara', 'Matteo', 'Federica', 'Giovanni', 'Martina', 'Niccolò',
      'Beatrice', 'Gianluca', 'Elisa', 'Davide', 'Ilaria', 'Riccardo', 'Stefano', 'Valentina',
    ],
    lastNames: [
      'Rossi', 'Russo', 'Ferrari', 'Esposito', 'Bianchi', 'Romano', 'Colombo', 'Ricci', 'Marino', 'Greco', 'Bruno',
      'Gallo', 'Conti', 'De Luca', 'Mancini', 'Giordano', 'Rizzo', 'Lombardi', 'Moretti', 'Barbieri', 'Fontana',
      "D'Angelo", 'Caruso',
    ],
    cities: [
      city('Milano', 'Italy', 'Europe/Rome', '39'),
      city('Roma', 'Italy', 'Europe/Rome', '39'),
      city('Torino', 'Italy', 'Europe/Rome', '39'),
      city('Bologna', 'Italy', 'Europe/Rome', '39'),
      city('Napoli', 'Italy', 'Europe/Rome', '39'),
      city('Firenze', 'Italy', 'Europe/Rome', '39'),
    ],
  },
  {
    locale: 'nl-NL',
    weight: 3,
    firstNames: [
      'Daan', 'Sanne', 'Bram', 'Fleur', 'Zoë', 'Sem', 'Lotte', 'Thijs', 'Anouk', 'Joost', 'Femke', 'Ruben', 'Eline',
      'Jeroen', 'Maartje', 'Sven', 'Noor', 'Pieter',
    ],
    lastNames: [
      'de Jong', 'Jansen', 'de Vries', 'van den Berg', 'van Dijk', 'Bakker', 'Janssen', 'Visser', 'Smit', 'Meijer',
      'de Boer', 'Mulder', 'de Groot', 'Bos', 'Vos', 'Peters', 'Hendriks', 'van Leeuwen', 'Dekker', 'Dijkstra',
    ],
    cities: [
      city('Amsterdam', 'Netherlands', 'Europe/Amsterdam', '31'),
      city('Rotterdam', 'Netherlands', 'Europe/Amsterdam', '31'),
      city('Utrecht', 'Netherlands', 'Europe/Amsterdam', '31'),
      city('Eindhoven', 'Netherlands', 'Europe/Amsterdam', '31'),
      city('Antwerpen', 'Belgium', 'Europe/Brussels', '32'),
      city('Gent', 'Belgium', 'Europe/Brussels', '32'),
    ],
  },
  {
    locale: 'da-DK',
    weight: 3,
    firstNames: [
      'Søren', 'Mette', 'Rasmus', 'Freja', 'Magnus', 'Ingrid', 'Astrid', 'Lars', 'Sigrid', 'Bjørn', 'Kirsten', 'Mikkel',
      'Ida', 'Anders', 'Linnéa', 'Åsa', 'Emil', 'Elin', 'Oskar', 'Saga', 'Henrik', 'Kari',
    ],
    lastNames: [
      'Jensen', 'Nielsen', 'Hansen', 'Pedersen', 'Andersen', 'Johansson', 'Christensen', 'Andersson', 'Larsen',
      'Karlsson', 'Sørensen', 'Nilsson', 'Rasmussen', 'Eriksson', 'Johansen', 'Olsen', 'Lindqvist', 'Bergström',
      'Haugen', 'Åberg', 'Dahl', 'Øberg',
    ],
    cities: [
      city('København', 'Denmark', 'Europe/Copenhagen', '45'),
      city('Aarhus', 'Denmark', 'Europe/Copenhagen', '45'),
      city('Stockholm', 'Sweden', 'Europe/Stockholm', '46'),
      city('Göteborg', 'Sweden', 'Europe/Stockholm', '46'),
      city('Malmö', 'Sweden', 'Europe/Stockholm', '46'),
      city('Oslo', 'Norway', 'Europe/Oslo', '47'),
      city('Bergen', 'Norway', 'Europe/Oslo', '47'),
    ],
  },
  {
    locale: 'fi-FI',
    weight: 1,
    firstNames: ['Mikko', 'Aino', 'Juha', 'Sanna', 'Eero', 'Johanna', 'Jussi', 'Päivi', 'Antti', 'Tiina', 'Väinö', 'Elina'],
    lastNames: [
      'Korhonen', 'Virtanen', 'Mäkinen', 'Nieminen', 'Mäkelä', 'Hämäläinen', 'Laine', 'Heikkinen', 'Koskinen',
      'Järvinen', 'Lehtonen',
    ],
    cities: [
      city('Helsinki', 'Finland', 'Europe/Helsinki', '358'),
      city('Tampere', 'Finland', 'Europe/Helsinki', '358'),
      city('Oulu', 'Finland', 'Europe/Helsinki', '358'),
    ],
  },
  {
    locale: 'pl-PL',
    weight: 3,
    firstNames: [
      'Łukasz', 'Katarzyna', 'Piotr', 'Małgorzata', 'Paweł', 'Agnieszka', 'Krzysztof', 'Joanna', 'Michał', 'Magdalena',
      'Tomasz', 'Zofia', 'Wojciech', 'Aleksandra', 'Jakub', 'Ewa', 'Grzegorz', 'Dorota', 'Bartłomiej', 'Monika',
    ],
    lastNames: [
      'Nowak', 'Kowalski', 'Wiśniewski', 'Wójcik', 'Kowalczyk', 'Kamiński', 'Lewandowski', 'Zieliński', 'Szymański',
      'Woźniak', 'Dąbrowski', 'Kozłowski', 'Jankowski', 'Mazur', 'Krawczyk', 'Piotrowski', 'Grabowski', 'Pawłowski',
      'Michalski', 'Król',
    ],
    cities: [
      city('Warszawa', 'Poland', 'Europe/Warsaw', '48'),
      city('Kraków', 'Poland', 'Europe/Warsaw', '48'),
      city('Wrocław', 'Poland', 'Europe/Warsaw', '48'),
      city('Gdańsk', 'Poland', 'Europe/Warsaw', '48'),
      city('Poznań', 'Poland', 'Europe/Warsaw', '48'),
    ],
    // Polish women's first names end in -a; their -ski/-cki surnames take -ska/-cka.
    feminine: { firstNameEndings: ['a'], lastName: (name) => name.replace(/([sc]k)i$/, '$1a') },
  },
  {
    locale: 'hu-HU',
    weight: 1,
    firstNames: ['Bence', 'Zsófia', 'Dániel', 'Réka', 'Gergő', 'Eszter', 'Ádám', 'Katalin', 'Levente', 'Anikó'],
    lastNames: ['Nagy', 'Kovács', 'Tóth', 'Szabó', 'Horváth', 'Varga', 'Kiss', 'Molnár', 'Németh', 'Farkas', 'Balogh'],
    cities: [
      city('Budapest', 'Hungary', 'Europe/Budapest', '36'),
      city('Debrecen', 'Hungary', 'Europe/Budapest', '36'),
    ],
  },
  {
    locale: 'uk-UA',
    weight: 2,
    firstNames: ['Oleksandr', 'Olena', 'Andriy', 'Iryna', 'Dmytro', 'Kateryna', 'Serhiy', 'Yulia', 'Mykola', 'Nataliya'],
    lastNames: [
      'Shevchenko', 'Kovalenko', 'Bondarenko', 'Tkachenko', 'Kravchenko', 'Melnyk', 'Boyko', 'Oliynyk', 'Lysenko',
      'Marchenko',
    ],
    cities: [
      city('Kyiv', 'Ukraine', 'Europe/Kyiv', '380'),
      city('Lviv', 'Ukraine', 'Europe/Kyiv', '380'),
      city('Kharkiv', 'Ukraine', 'Europe/Kyiv', '380'),
    ],
  },
  {
    locale: 'el-GR',
    weight: 1,
    firstNames: ['Giorgos', 'Maria', 'Dimitris', 'Eleni', 'Nikos', 'Katerina', 'Konstantinos', 'Sofia', 'Yannis', 'Despina'],
    lastNames: ['Papadopoulos', 'Papadakis', 'Georgiou', 'Nikolaidis', 'Konstantinou', 'Vlachos', 'Oikonomou', 'Alexiou'],
    cities: [
      city('Athens', 'Greece', 'Europe/Athens', '30'),
      city('Thessaloniki', 'Greece', 'Europe/Athens', '30'),
    ],
  },
  {
    locale: 'tr-TR',
    weight: 2,
    firstNames: [
      'Zeynep', 'Mehmet', 'Elif', 'Emre', 'Ayşe', 'Burak', 'Defne', 'Can', 'Selin', 'Oğuz', 'Gökhan', 'Çağla', 'Barış',
      'Şeyma',
    ],
    lastNames: [
      'Yılmaz', 'Kaya', 'Demir', 'Şahin', 'Çelik', 'Yıldız', 'Yıldırım', 'Öztürk', 'Aydın', 'Özdemir', 'Arslan',
      'Doğan', 'Kılıç', 'Çetin', 'Koç',
    ],
    cities: [
      city('İstanbul', 'Türkiye', 'Europe/Istanbul', '90'),
      city('Ankara', 'Türkiye', 'Europe/Istanbul', '90'),
      city('İzmir', 'Türkiye', 'Europe/Istanbul', '90'),
    ],
  },
  {
    locale: 'ar-AE',
    weight: 4,
    firstNames: [
      'Omar', 'Fatima', 'Ahmed', 'Layla', 'Youssef', 'Mariam', 'Khalid', 'Nour', 'Hassan', 'Aisha', 'Karim', 'Salma',
      'Tariq', 'Huda', 'Rania', 'Zaid', 'Amira', 'Mustafa',
    ],
    lastNames: [
      'Haddad', 'Khalil', 'Mansour', 'Nasser', 'Abdullah', 'Hussein', 'Saleh', 'Al-Sayed', 'Farouk', 'El-Amin', 'Aziz',
      'Rahman', 'Hamdan', 'Darwish', 'Suleiman', 'Al-Mansouri',
    ],
    cities: [
      city('Dubai', 'United Arab Emirates', 'Asia/Dubai', '971'),
      city('Abu Dhabi', 'United Arab Emirates', 'Asia/Dubai', '971'),
      city('Riyadh', 'Saudi Arabia', 'Asia/Riyadh', '966'),
      city('Cairo', 'Egypt', 'Africa/Cairo', '20'),
      city('Amman', 'Jordan', 'Asia/Amman', '962'),
      city('Casablanca', 'Morocco', 'Africa/Casablanca', '212'),
      city('Beirut', 'Lebanon', 'Asia/Beirut', '961'),
    ],
  },
  {
    locale: 'he-IL',
    weight: 1,
    firstNames: ['Noa', 'Itai', 'Yael', 'Omer', 'Tamar', 'Avi', 'Shira', 'Eitan', 'Maya', 'Yonatan'],
    lastNames: ['Cohen', 'Levi', 'Mizrahi', 'Peretz', 'Biton', 'Friedman', 'Katz', 'Avraham', 'Shapiro'],
    cities: [
      city('Tel Aviv', 'Israel', 'Asia/Jerusalem', '972'),
      city('Haifa', 'Israel', 'Asia/Jerusalem', '972'),
    ],
  },
  {
    locale: 'en-NG',
    weight: 4,
    firstNames: [
      'Oluwaseun', 'Chinedu', 'Ngozi', 'Adaeze', 'Emeka', 'Funmilayo', 'Tunde', 'Yetunde', 'Chiamaka', 'Obinna', 'Kemi',
      'Ifeoma', 'Babajide', 'Folake', 'Kwame', 'Ama', 'Kofi', 'Akosua', 'Temitope', 'Damilola', 'Ikechukwu', 'Aminu',
    ],
    lastNames: [
      'Okafor', 'Adeyemi', 'Okonkwo', 'Balogun', 'Eze', 'Nwosu', 'Adebayo', 'Ogunleye', 'Okeke', 'Mensah', 'Olawale',
      'Afolabi', 'Boateng', 'Chukwu', 'Owusu', 'Asante', 'Bello', 'Abubakar', 'Osei', 'Agyeman',
    ],
    cities: [
      city('Lagos', 'Nigeria', 'Africa/Lagos', '234'),
      city('Abuja', 'Nigeria', 'Africa/Lagos', '234'),
      city('Ibadan', 'Nigeria', 'Africa/Lagos', '234'),
      city('Accra', 'Ghana', 'Africa/Accra', '233'),
      city('Kumasi', 'Ghana', 'Africa/Accra', '233'),
    ],
  },
  {
    locale: 'en-ZA',
    weight: 2,
    firstNames: [
      'Thandiwe', 'Sipho', 'Lerato', 'Thabo', 'Naledi', 'Bongani', 'Zanele', 'Kagiso', 'Wanjiru', 'Kamau', 'Achieng',
      'Otieno', 'Njeri', 'Pieter', 'Annelie',
    ],
    lastNames: [
      'Nkosi', 'Dlamini', 'Ndlovu', 'Mokoena', 'Khumalo', 'Mwangi', 'Odhiambo', 'Kiprop', 'Wanjiku', 'Mahlangu',
      'van der Merwe', 'Botha', 'Naidoo', 'Pillay',
    ],
    cities: [
      city('Johannesburg', 'South Africa', 'Africa/Johannesburg', '27'),
      city('Cape Town', 'South Africa', 'Africa/Johannesburg', '27'),
      city('Durban', 'South Africa', 'Africa/Johannesburg', '27'),
      city('Nairobi', 'Kenya', 'Africa/Nairobi', '254'),
      city('Mombasa', 'Kenya', 'Africa/Nairobi', '254'),
    ],
  },
  {
    locale: 'en-IN',
    weight: 10,
    firstNames: [
      'Priya', 'Rahul', 'Ananya', 'Arjun', 'Aditi', 'Vikram', 'Sneha', 'Rohan', 'Kavya', 'Aarav', 'Diya', 'Karthik',
      'Lakshmi', 'Sanjay', 'Deepika', 'Amit', 'Pooja', 'Nikhil', 'Meera', 'Vivek', 'Ishaan', 'Neha', 'Siddharth',
      'Shreya', 'Harpreet', 'Gurpreet', 'Venkatesh', 'Divya',
    ],
    lastNames: [
      'Sharma', 'Patel', 'Singh', 'Kumar', 'Gupta', 'Reddy', 'Iyer', 'Nair', 'Rao', 'Mehta', 'Joshi', 'Desai', 'Menon',
      'Chatterjee', 'Banerjee', 'Das', 'Pillai', 'Kapoor', 'Malhotra', 'Agarwal', 'Bhat', 'Krishnan', 'Shah', 'Verma',
      'Mukherjee', 'Subramanian',
    ],
    cities: [
      city('Bengaluru', 'India', 'Asia/Kolkata', '91'),
      city('Mumbai', 'India', 'Asia/Kolkata', '91'),
      city('New Delhi', 'India', 'Asia/Kolkata', '91'),
      city('Hyderabad', 'India', 'Asia/Kolkata', '91'),
      city('Chennai', 'India', 'Asia/Kolkata', '91'),
      city('Pune', 'India', 'Asia/Kolkata', '91'),
      city('Kolkata', 'India', 'Asia/Kolkata', '91'),
    ],
  },
  {
    locale: 'vi-VN',
    weight: 3,
    firstNames: [
      'Anh', 'Linh', 'Minh', 'Hương', 'Thảo', 'Tuấn', 'Dũng', 'Hiếu', 'Trang', 'Phương', 'Quang', 'Ngọc', 'Hải', 'Lan',
      'Bảo', 'Khánh', 'Thu', 'Vy',
    ],
    // Nguyễn is carried by close to four in ten Vietnamese, hence listed several times.
    lastNames: [
      'Nguyễn', 'Nguyễn', 'Nguyễn', 'Nguyễn', 'Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ',
      'Hồ', 'Ngô', 'Dương', 'Lý',
    ],
    cities: [
      city('Ho Chi Minh City', 'Vietnam', 'Asia/Ho_Chi_Minh', '84'),
      city('Hanoi', 'Vietnam', 'Asia/Ho_Chi_Minh', '84'),
      city('Da Nang', 'Vietnam', 'Asia/Ho_Chi_Minh', '84'),
    ],
  },
  {
    locale: 'zh-CN',
    weight: 7,
    firstNames: [
      'Wei', 'Fang', 'Jing', 'Lei', 'Yu', 'Hui', 'Jie', 'Ling', 'Hao', 'Yan', 'Tao', 'Xin', 'Min', 'Jun', 'Qing',
      'Yichen', 'Zihan', 'Mei', 'Xiaoling', 'Jiahao',
    ],
    lastNames: [
      'Wang', 'Li', 'Zhang', 'Liu', 'Chen', 'Yang', 'Huang', 'Zhao', 'Wu', 'Zhou', 'Xu', 'Sun', 'Ma', 'Zhu', 'Hu', 'Guo',
      'Lin', 'He', 'Gao', 'Luo', 'Tan', 'Lim',
    ],
    cities: [
      city('Shanghai', 'China', 'Asia/Shanghai', '86'),
      city('Beijing', 'China', 'Asia/Shanghai', '86'),
      city('Shenzhen', 'China', 'Asia/Shanghai', '86'),
      city('Hangzhou', 'China', 'Asia/Shanghai', '86'),
      city('Hong Kong', 'Hong Kong', 'Asia/Hong_Kong', '852'),
      city('Taipei', 'Taiwan', 'Asia/Taipei', '886'),
      city('Singapore', 'Singapore', 'Asia/Singapore', '65'),
    ],
  },
  {
    locale: 'ja-JP',
    weight: 3,
    firstNames: [
      'Haruto', 'Yui', 'Sōta', 'Hina', 'Yuto', 'Sakura', 'Ren', 'Aoi', 'Takumi', 'Kenji', 'Yuki', 'Hiroshi', 'Akiko',
      'Daisuke', 'Naoko', 'Ryōta',
    ],
    lastNames: [
      'Satō', 'Suzuki', 'Takahashi', 'Tanaka', 'Watanabe', 'Itō', 'Yamamoto', 'Nakamura', 'Kobayashi', 'Katō',
      'Yoshida', 'Yamada', 'Sasaki', 'Matsumoto', 'Inoue', 'Kimura', 'Hayashi', 'Shimizu',
    ],
    cities: [
      city('Tokyo', 'Japan', 'Asia/Tokyo', '81'),
      city('Osaka', 'Japan', 'Asia/Tokyo', '81'),
      city('Yokohama', 'Japan', 'Asia/Tokyo', '81'),
      city('Kyoto', 'Japan', 'Asia/Tokyo', '81'),
      city('Fukuoka', 'Japan', 'Asia/Tokyo', '81'),
    ],
  },
  {
    locale: 'ko-KR',
    weight: 2,
    firstNames: [
      'Min-jun', 'Seo-yeon', 'Ji-ho', 'Ha-eun', 'Do-yun', 'Ji-woo', 'Seo-jun', 'Su-bin', 'Hyun-woo', 'Ji-min', 'Eun-ji',
      'Jae-won',
    ],
    lastNames: ['Kim', 'Lee', 'Park', 'Choi', 'Jung', 'Kang', 'Cho', 'Yoon', 'Jang', 'Lim', 'Han', 'Shin'],
    cities: [
      city('Seoul', 'South Korea', 'Asia/Seoul', '82'),
      city('Busan', 'South Korea', 'Asia/Seoul', '82'),
      city('Incheon', 'South Korea', 'Asia/Seoul', '82'),
    ],
  },
  {
    locale: 'id-ID',
    weight: 2,
    firstNames: ['Putri', 'Budi', 'Siti', 'Agus', 'Dewi', 'Rizky', 'Ayu', 'Fajar', 'Wulan', 'Andi', 'Nurul', 'Joko'],
    lastNames: ['Santoso', 'Wijaya', 'Hidayat', 'Saputra', 'Kusuma', 'Pratama', 'Setiawan', 'Nugroho', 'Halim', 'Gunawan'],
    cities: [
      city('Jakarta', 'Indonesia', 'Asia/Jakarta', '62'),
      city('Surabaya', 'Indonesia', 'Asia/Jakarta', '62'),
      city('Bandung', 'Indonesia', 'Asia/Jakarta', '62'),
    ],
  },
  {
    locale: 'en-PH',
    weight: 2,
    firstNames: ['Angelica', 'Mark', 'Kristine', 'Jerome', 'Paolo', 'Bea', 'Miguel', 'Rhea', 'Joshua', 'Maricel', 'Carlo'],
    lastNames: [
      'dela Cruz', 'Reyes', 'Santos', 'Bautista', 'Mendoza', 'Villanueva', 'Ramos', 'Aquino', 'Castillo', 'Soriano',
    ],
    cities: [
      city('Manila', 'Philippines', 'Asia/Manila', '63'),
      city('Quezon City', 'Philippines', 'Asia/Manila', '63'),
      city('Cebu City', 'Philippines', 'Asia/Manila', '63'),
    ],
  },
  {
    locale: 'en-AU',
    weight: 3,
    firstNames: [
      'Jack', 'Charlotte', 'Lachlan', 'Matilda', 'Cooper', 'Ruby', 'Mia', 'Hamish', 'Aroha', 'Wiremu', 'Mere', 'Tama',
      'Isabella', 'Noah',
    ],
    lastNames: [
      'Smith', 'Williams', 'Brown', 'Wilson', 'Taylor', 'Nguyen', 'Kelly', 'Ngata', 'Parata', 'Walker', 'Pōmare', 'Clarke',
    ],
    cities: [
      city('Sydney', 'Australia', 'Australia/Sydney', '61'),
      city('Melbourne', 'Australia', 'Australia/Melbourne', '61'),
      city('Brisbane', 'Australia', 'Australia/Brisbane', '61'),
      city('Perth', 'Australia', 'Australia/Perth', '61'),
      city('Auckland', 'New Zealand', 'Pacific/Auckland', '64'),
      city('Wellington', 'New Zealand', 'Pacific/Auckland', '64'),
    ],
  },
];

export const departments = [
  'Finance', 'Operations', 'Engineering', 'Sales', 'Customer Success', 'Marketing', 'Human Resources', 'IT',
  'Legal', 'Procurement', 'Treasury', 'Risk & Compliance', 'Data & Analytics',
];

/** Systems the user's data comes from (Solvexia's `vendor` list). */
export const vendors = [
  'salesforce', 'netsuite', 'sap', 'xero', 'quickbooks', 'hubspot', 'workday', 'oracle', 'dynamics365', 'snowflake',
  'slack', 'zendesk',
];

/**
 * Company mail domains. All under the reserved `.example` TLD (RFC 2606): a password-reset or
 * invitation mail sent to a demo user can never reach a real inbox.
 */
export const tenantDomains: Record<string, string> = {
  acme: 'acme.example',
  globex: 'globex.example',
  initech: 'initech.example',
};

export const otherDomains = [
  'northwind.example', 'contoso.example', 'umbrella.example', 'hooli.example', 'wayne-enterprises.example',
  'stark-industries.example', 'soylent.example', 'mail.example',
];
