"""Reference data: the beleidstheorie regionale samenwerking Zorg + Veiligheid (2020).

The 34 items of the VNG/Berenschot beleidstheorie for the regiopilots (chapter 3) and the
one-page checklist of the praatplaat, described in our own words. Stages are literal values
of ``checklist.constants.Stage`` (a migration must not depend on code that may change later).
Codes: I1–I5, A<group>.<n> (14 activities in four groups), O1–O4, M1–M8, U1–U3.
"""

import datetime

from django.db import migrations

NAME = "Beleidstheorie regionale samenwerking Zorg + Veiligheid"
VERSION = "2020"
SOURCE = "VNG/Berenschot, beleidstheorie regiopilots Zorg + Veiligheid (2020)"

# (stage, group name, [(code, title, description, questions), ...]) in praatplaat order.
GROUPS = [
    (
        "input",
        "Input",
        [
            (
                "I1",
                "Bestuurlijk regionaal gremium ingericht",
                "De regio heeft één integraal bestuurlijk overleg voor zorg en veiligheid, met in "
                "elk geval burgemeesters, wethouders en bestuurders van zorg- en "
                "veiligheidsorganisaties. Op papier staat wat dit gremium mag besluiten, welke "
                "taken het heeft en hoe het zich verhoudt tot andere besluitvormende organen. "
                "Het gremium legt ook vast hoe het stuurt en hoeveel ruimte tactisch "
                "verantwoordelijken krijgen om persoonsgericht te werken.",
                [
                    "Waarover mag het gremium besluiten, en waarover adviseert of stemt het "
                    "alleen af?",
                    "Zitten burgemeesters, wethouders én bestuurders van zorg- en "
                    "veiligheidspartners aan tafel?",
                    "Is schriftelijk vastgelegd hoe het gremium zich verhoudt tot andere "
                    "besluitbevoegde overleggen?",
                    "Welke sturingsfilosofie hanteert het gremium en welk mandaat geeft het aan "
                    "de tactische laag?",
                ],
            ),
            (
                "I2",
                "Ontschotte netwerksamenwerking op tactisch niveau ingericht",
                "Programmatrekkers werken samen in een netwerkverband, bijvoorbeeld een "
                "commissie, dat over de grenzen van organisaties heen kan werken en is "
                "afgestemd met de uitvoeringsprofessionals. Per facet van multiproblematiek is "
                "duidelijk wie eindverantwoordelijk is. Het netwerk is zo georganiseerd dat "
                "voor een persoon of gezin een gedeelde verantwoordelijkheid ontstaat, en "
                "uitvoerenden hebben mandaat om niet vanuit het eigen organisatiebelang te "
                "werken.",
                [
                    "Weten we per facet van multiproblematiek wie operationeel "
                    "eindverantwoordelijk is?",
                    "Hoe zorgt het netwerk ervoor dat de partners samen verantwoordelijkheid "
                    "dragen voor één casus?",
                    "Hebben ambtenaren, zorg- en veiligheidsprofessionals het mandaat om "
                    "ontschot te werken?",
                ],
            ),
            (
                "I3",
                "Ontschotte uitvoering ingericht",
                "Op de werkvloer werken professionals van gemeenten, zorgaanbieders en "
                "veiligheidsorganisaties in vaste vormen samen; de programmatrekkers zijn daarbij "
                "betrokken. Afgesproken is waar welk mandaat ligt. Wat elke organisatie "
                "afzonderlijk moet, gaat op in een gedeeld eigenaarschap voor de persoon of het "
                "gezin om wie het gaat.",
                [
                    "Bij wie ligt welk mandaat in de uitvoering?",
                    "Hoe gaat de verantwoordelijkheid van de eigen organisatie over in "
                    "gezamenlijk eigenaarschap voor een casus?",
                    "Kennen de uitvoerende professionals de afgesproken samenwerkingsvormen en "
                    "gebruiken zij ze?",
                ],
            ),
            (
                "I4",
                "Thema's gekozen met een afwegingskader",
                "Met een afgesproken afwegingskader heeft de regio bepaald op welke thema's zij "
                "(eerst) samenwerkt en welke zij laat liggen, bijvoorbeeld verward gedrag, "
                "huiselijk geweld, kindermishandeling of mensenhandel. De gekozen thema's staan "
                "in het plan van aanpak. Ze zijn het inhoudelijke vertrekpunt voor de inrichting "
                "van de structuren.",
                [
                    "Is er een afwegingskader waarmee de partners samen thema's kiezen of "
                    "afwijzen?",
                    "Welke thema's zijn gekozen en staan ze in het plan van aanpak?",
                    "Sluit de inrichting van de structuren aan op de gekozen thema's?",
                ],
            ),
            (
                "I5",
                "Belangrijke ketenpartners bepaald",
                "De regio weet welke partners nodig zijn voor bestuurlijke samenwerking tussen "
                "zorg en veiligheid, zoals GGZ, GGD, Veilig Thuis, reclassering, het Zorg- en "
                "Veiligheidshuis, OM, politie, Raad voor de Kinderbescherming, DJI en "
                "VG-organisaties. De gekozen partners hebben ingestemd met hun rol en staan in "
                "het plan van aanpak. Zij vormen het uitgangspunt bij het inrichten van de "
                "structuren.",
                [
                    "Welke zorg- en veiligheidspartners zijn nodig voor de gekozen thema's?",
                    "Hebben de geselecteerde partners ingestemd met hun betrokkenheid?",
                    "Zijn de partners opgenomen in het plan van aanpak?",
                ],
            ),
        ],
    ),
    (
        "activiteiten",
        "Beleidsontwikkeling",
        [
            (
                "A1.1",
                "Startsituatie geïnventariseerd",
                "Er is een beeld van hoe de keten zorg en veiligheid er nu uitziet: welke "
                "overleggen er zijn en welke partijen op welke thema's al samenwerken. "
                "Bestuurders en tactisch verantwoordelijken stellen dit beeld op in afstemming "
                "met de ketenpartners. Het dient als nulmeting voor de verdere "
                "beleidsontwikkeling.",
                [
                    "Is er een actueel overzicht van de overlegstructuren in zorg en veiligheid?",
                    "Is per thema bekend welke partijen al samenwerken?",
                    "Hebben de ketenpartners het beeld van de startsituatie herkend en aangevuld?",
                ],
            ),
            (
                "A1.2",
                "Verbindingspunten, knelpunten en verbeterpunten benoemd",
                "De partners hebben benoemd waar zorg en veiligheid elkaar raken, wat een "
                "persoonsgerichte aanpak nu in de weg staat en wat beter kan en moet. Deze drie "
                "lijsten geven richting aan de doelen en de aanpak.",
                [
                    "Waar raken de domeinen zorg en veiligheid elkaar in deze regio?",
                    "Welke knelpunten belemmeren nu een persoonsgerichte aanpak?",
                    "Welke verbeterpunten hebben de partners samen vastgesteld?",
                ],
            ),
            (
                "A1.3",
                "Doelstellingen en plan van aanpak opgesteld",
                "Er zijn doelen die zeggen wat er verandert, voor wie en wanneer, met een plan "
                "van aanpak dat samen met de tactische laag is gemaakt. Dat vraagt om verder te "
                "kijken dan de eigen organisatie: wat kan die wel en niet, en wat blijkt er "
                "toch mogelijk.",
                [
                    "Zijn de doelen concreet: wat verandert er, voor wie en wanneer?",
                    "Is het plan van aanpak samen met de programmatrekkers opgesteld?",
                    "Zijn de grenzen en mogelijkheden van de eigen organisaties eerlijk in beeld "
                    "gebracht?",
                ],
            ),
            (
                "A1.4",
                "Sturen op commitment van de ketenpartners",
                "Bestuurders zorgen er actief voor dat de ketenpartners in de netwerken zich aan "
                "de gezamenlijke aanpak verbinden en verbonden blijven. Betrokkenheid wordt niet "
                "verondersteld maar bewaakt, bijvoorbeeld via afspraken en terugkerend overleg.",
                [
                    "Waaruit blijkt dat de ketenpartners zich aan de aanpak hebben verbonden?",
                    "Wie spreekt een partner aan als diens betrokkenheid afneemt?",
                    "Zijn er partners die nog niet zijn aangehaakt?",
                ],
            ),
        ],
    ),
    (
        "activiteiten",
        "Tactische (programmatische) sturing",
        [
            (
                "A2.1",
                "Tactisch overleglandschap in kaart gebracht en vereenvoudigd",
                "De programmatrekkers weten per gemeente en voor de regio welke tactische "
                "overleggen over zorg en veiligheid er zijn. Waar het kon is dat landschap "
                "eenvoudiger gemaakt: overleggen zijn samengevoegd en expertise en mandaat zijn "
                "centraler belegd.",
                [
                    "Is er per gemeente en voor de regio een overzicht van de tactische "
                    "overleggen?",
                    "Welke overleggen zijn samengevoegd of opgeheven?",
                    "Zijn expertise en mandaat centraler georganiseerd waar dat zinvol was?",
                ],
            ),
            (
                "A2.2",
                "Aanpakken verbonden met de lijnorganisatie en subregio's",
                "De aanpakken voor de gekozen thema's zijn organisatorisch en inhoudelijk "
                "gekoppeld aan de lijnorganisatie van elke deelnemende gemeente en aan de "
                "subregionale verbanden. Nieuwe samenwerkingsvormen, zoals een aanpak voor "
                "verward gedrag of mensenhandel, worden afgestemd met de regionale bestuurders "
                "van de betrokken organisaties en krijgen een plek binnen de infrastructuur Z+V. "
                "Liever neemt een bestaand verband taken over dan dat er nieuwe bureaucratie "
                "bijkomt.",
                [
                    "Is elke thematische aanpak aangesloten op de lijnorganisatie van iedere "
                    "gemeente?",
                    "Zijn nieuwe samenwerkingsvormen afgestemd met de regionale bestuurders van "
                    "de betrokken organisaties?",
                    "Valt een nieuwe aanpak binnen de bestaande infrastructuur Z+V, of ontstaat "
                    "er een extra structuur?",
                ],
            ),
            (
                "A2.3",
                "Samenwerkingsafspraken in de keten opgesteld",
                "De partners in de lokale en regionale keten hebben samen afspraken gemaakt over "
                "hoe zij samenwerken. De afspraken zijn gezamenlijk tot stand gekomen en niet "
                "door één partij opgelegd.",
                [
                    "Zijn de samenwerkingsafspraken schriftelijk vastgelegd?",
                    "Hebben alle betrokken lokale en regionale partners meegeschreven en "
                    "ingestemd?",
                    "Wanneer worden de afspraken herzien?",
                ],
            ),
            (
                "A2.4",
                "Netwerkbijeenkomsten georganiseerd",
                "In de regio worden bijeenkomsten gehouden waar de partners uit de keten zorg en "
                "veiligheid elkaar ontmoeten. Zo blijft het netwerk levend en leren mensen "
                "elkaar ook buiten de vaste overleggen kennen.",
                [
                    "Hoe vaak worden netwerkbijeenkomsten georganiseerd?",
                    "Zijn alle relevante ketenpartners erbij aanwezig?",
                    "Wat levert een bijeenkomst op voor de samenwerking?",
                ],
            ),
        ],
    ),
    (
        "activiteiten",
        "Uitvoering",
        [
            (
                "A3.1",
                "Gezamenlijk casusoverleg",
                "Professionals van gemeenten, zorg en veiligheid bespreken complexe casussen "
                "samen in plaats van ieder voor zich. Het casusoverleg is afgestemd met de "
                "programmatrekkers.",
                [
                    "Welke gezamenlijke casusoverleggen zijn er en wie neemt eraan deel?",
                    "Worden casussen met zowel zorg- als veiligheidsvragen echt gezamenlijk "
                    "besproken?",
                    "Komen knelpunten uit het casusoverleg terug bij de tactische laag?",
                ],
            ),
            (
                "A3.2",
                "Regionaal opschalings- en escalatiemodel opgesteld",
                "De partners hebben samen een regionaal model gemaakt dat beschrijft wanneer en "
                "hoe een vastgelopen casus wordt opgeschaald. Zo weten professionals bij wie zij "
                "terechtkunnen als het op hun eigen niveau niet lukt.",
                [
                    "Is er een regionaal opschalingsmodel en kennen de professionals het?",
                    "Is duidelijk wie op welk niveau beslist als een casus wordt opgeschaald?",
                    "Is het model samen met alle betrokken partners opgesteld?",
                ],
            ),
            (
                "A3.3",
                "Werkagenda uitgevoerd met de verkregen mandaten",
                "De uitvoering werkt aan de acties op de werkagenda en gebruikt daarbij de "
                "mandaten die daarvoor zijn gegeven. De voortgang op de werkagenda is "
                "zichtbaar.",
                [
                    "Worden de acties van de werkagenda daadwerkelijk uitgevoerd?",
                    "Weten uitvoerders welke mandaten zij hebben en maken zij er gebruik van?",
                    "Waar stokt de uitvoering doordat een mandaat ontbreekt?",
                ],
            ),
            (
                "A3.4",
                "Operationele samenwerkingsafspraken gemaakt",
                "Naast de tactische afspraken zijn er praktische afspraken over de "
                "samenwerking op de werkvloer tussen de ketenpartners. Die regelen bijvoorbeeld "
                "wie wat doet in een gezamenlijke casus en hoe partners elkaar bereiken.",
                [
                    "Zijn er operationele afspraken tussen de ketenpartners?",
                    "Kennen de professionals die ermee moeten werken de afspraken?",
                    "Worden de afspraken nageleefd en zo nodig bijgesteld?",
                ],
            ),
        ],
    ),
    (
        "activiteiten",
        "Monitoring en kennisdeling",
        [
            (
                "A4.1",
                "Periodieke gezamenlijke reflectie op de voortgang",
                "Op bestuurlijk, tactisch en operationeel niveau kijken de partners regelmatig "
                "samen terug op de voortgang. Daaruit volgen knelpunten, verbeterpunten en "
                "acties, en waar nodig wordt het plan van aanpak tussentijds bijgesteld.",
                [
                    "Hoe vaak en op welke niveaus wordt op de voortgang gereflecteerd?",
                    "Leidt een reflectie tot concrete acties met een eigenaar?",
                    "Is het plan van aanpak na een reflectie aangepast als dat nodig was?",
                ],
            ),
            (
                "A4.2",
                "Kennisdelingssessies georganiseerd",
                "Er worden sessies gehouden waarin specialisten en ervaringsdeskundigen, "
                "bijvoorbeeld van de VNG of uit andere regio's, hun praktijkervaring delen. "
                "Samen met het regionale netwerk bekijken de deelnemers waar verdere "
                "verbetering mogelijk is.",
                [
                    "Wanneer was de laatste kennisdelingssessie en wie kwam er vertellen?",
                    "Worden ook ervaringsdeskundigen uitgenodigd?",
                    "Wat heeft het netwerk met de opgedane kennis gedaan?",
                ],
            ),
        ],
    ),
    (
        "output",
        "Output",
        [
            (
                "O1",
                "Gedeelde werkagenda",
                "Er is een werkagenda met gezamenlijke beleidsdoelen die per gemeente en "
                "ketenpartner programmatisch zijn ingebed op regionaal niveau. De werkagenda "
                "legt ook vast welk mandaat tactisch en operationeel verantwoordelijken hebben "
                "om ermee aan de slag te gaan.",
                [
                    "Bevat de werkagenda gezamenlijke beleidsdoelen?",
                    "Is per gemeente duidelijk hoe de agenda in het eigen programma is ingebed?",
                    "Is de mandatering van tactisch en operationeel verantwoordelijken erin "
                    "vastgelegd?",
                ],
            ),
            (
                "O2",
                "Regionale afspraken over informatiedeling",
                "De partners delen een visie op het uitwisselen van informatie en hebben "
                "regionaal op papier gezet onder welke voorwaarden zij dat doen. De afspraken "
                "gelden voor alle ketenpartners.",
                [
                    "Is er een gedeelde visie op informatiedeling in de regio?",
                    "Zijn de afspraken en voorwaarden schriftelijk vastgelegd?",
                    "Doen alle ketenpartners mee aan de afspraken?",
                ],
            ),
            (
                "O3",
                "Overzicht van knelpunten en beschikbare voorzieningen",
                "Er is een overzicht van de knelpunten en de vraag die gemeenten, "
                "veiligheidsorganisaties en zorgorganisaties ervaren of verwachten. Daarnaast "
                "staat erin welke voorzieningen er zijn om die op te lossen, zodat tekorten "
                "zichtbaar worden.",
                [
                    "Hebben gemeenten, zorg- en veiligheidsorganisaties alle drie hun "
                    "knelpunten aangeleverd?",
                    "Is bekend welke voorzieningen beschikbaar zijn?",
                    "Waar sluiten vraag en aanbod niet op elkaar aan?",
                ],
            ),
            (
                "O4",
                "Afspraken over financiering en eenduidige opdrachtverlening",
                "Op papier staat hoe de kosten worden verdeeld en welke gezamenlijke opdracht "
                "tegenover elke bijdrage staat. Ook is afgesproken hoe de gemeenten omgaan met "
                "de financiële risico's die elk van hen aangaat voor een gedeelde "
                "verantwoordelijkheid.",
                [
                    "Is vastgelegd hoe de kosten verdeeld zijn en welke opdracht daarbij hoort?",
                    "Geven de gemeenten eenduidig opdracht aan zorg- en veiligheidsorganisaties?",
                    "Hoe worden financiële risico's tussen de gemeenten verdeeld?",
                ],
            ),
        ],
    ),
    (
        "mechanismen",
        "Regionaal samenwerkingsverband",
        [
            (
                "M1",
                "Infrastructuur maakt samenwerken eenvoudiger",
                "De regionale infrastructuur zorg en veiligheid maakt samenwerken eenvoudiger op "
                "vier vlakken: de organisatie, de operationele samenwerking, beleid en sturing, "
                "en het delen van informatie. Partners merken dat de structuur helpt in plaats "
                "van extra werk op te leveren.",
                [
                    "Is de samenwerking organisatorisch eenvoudiger geworden?",
                    "Merken professionals verschil in de operationele samenwerking en bij het "
                    "delen van informatie?",
                    "Verlopen beleidsvorming en sturing soepeler dan voorheen?",
                ],
            ),
            (
                "M2",
                "Bestuurders hebben vertrouwen en een heldere visie",
                "Burgemeesters, wethouders en bestuurders van zorg- en veiligheidsorganisaties "
                "weten wat hun maatschappelijke opgave is en wat zij daarvoor moeten en mogen "
                "doen. Zij sturen op waarden en niet alleen op het beperken van risico's. Dat "
                "vraagt moed en een duidelijke inhoudelijke koers.",
                [
                    "Weten bestuurders wat zij voor hun opgave moeten en mogen doen?",
                    "Durven bestuurders te sturen op waarden in plaats van alleen op risico's?",
                    "Hebben zij een gedeelde inhoudelijke visie uitgesproken?",
                ],
            ),
            (
                "M3",
                "Bestuurders vertrouwen de operationeel eindverantwoordelijken",
                "Bestuurders geven gemeentesecretarissen en directeuren van gemeenten en zorg- "
                "en veiligheidsorganisaties het vertrouwen om te handelen. Deze "
                "eindverantwoordelijken ervaren genoeg ruimte om zelf af te wegen en te "
                "beslissen.",
                [
                    "Ervaren gemeentesecretarissen en directeuren voldoende ruimte om zelf te "
                    "beslissen?",
                    "Hoe blijkt het vertrouwen van bestuurders in de praktijk?",
                    "Worden beslissingen onnodig naar het bestuur teruggelegd?",
                ],
            ),
        ],
    ),
    (
        "mechanismen",
        "Zorg- en veiligheidsprofessionals",
        [
            (
                "M4",
                "Uitvoerders hebben vertrouwen en mandaat om persoonsgericht te werken",
                "Operationeel eindverantwoordelijken vertrouwen de uitvoerders, zoals "
                "ambtenaren, zorgprofessionals, medewerkers van het OM en agenten. Die hebben "
                "het mandaat om de persoon of het gezin voorop te zetten en uit te gaan van wat "
                "die nodig heeft, niet van de regels en belangen van de eigen organisatie.",
                [
                    "Mogen uitvoerders afwijken van de logica van hun eigen organisatie?",
                    "Staat in casussen het probleem van de persoon of het gezin centraal?",
                    "Voelen uitvoerders zich gesteund door hun leidinggevenden als zij dat doen?",
                ],
            ),
            (
                "M5",
                "Uitvoerders kennen elkaar en voelen zich samen verantwoordelijk",
                "Professionals uit zorg, veiligheid en gemeenten kennen elkaar en vinden elkaar "
                "makkelijk wanneer zij oplossingen zoeken voor meervoudige problemen. De "
                "problemen van de burger of cliënt beschouwen zij als een gedeelde opgave.",
                [
                    "Weten uitvoerders wie zij bij andere organisaties kunnen benaderen?",
                    "Hoe snel vinden zij elkaar bij een nieuwe casus?",
                    "Voelen zij zich samen eigenaar van de oplossing?",
                ],
            ),
            (
                "M6",
                "Minder of eenvoudiger overleg, het netwerk is leidend",
                "Er zijn minder overleggen over zorg en veiligheid, of de betrokken professionals "
                "ervaren ze als eenvoudiger. Niet de afzonderlijke overleggen maar het netwerk "
                "van partijen uit gemeenten en regio geeft de toon, en sturing richt zich op de "
                "samenhang tussen thema's. Doordat de tactische laag de regie voert, komt wat "
                "men in de diverse programma's in de praktijk leert bij elkaar.",
                [
                    "Is het aantal overleggen afgenomen, of ervaren professionals ze als "
                    "eenvoudiger?",
                    "Wordt gestuurd op samenhang tussen thema's of per overleg?",
                    "Komt praktijkkennis uit verschillende programma's op tactisch niveau samen?",
                ],
            ),
        ],
    ),
    (
        "mechanismen",
        "Burger/cliënt",
        [
            (
                "M7",
                "Vroegsignalering en nadruk op preventie",
                "Omdat uitvoerders elkaar rond een casus sneller en doeltreffender vinden (zie "
                "M4 en M5), worden problemen eerder opgemerkt. Daardoor kunnen zij zich meer "
                "richten op voorkomen dan op achteraf ingrijpen.",
                [
                    "Worden signalen eerder opgepakt dan voorheen?",
                    "Is er tijd en ruimte voor preventief werken?",
                    "Zijn er casussen die dankzij vroegsignalering niet escaleerden?",
                ],
            ),
            (
                "M8",
                "Eerder passende hulp en eerder consequenties",
                "Burgers met meervoudige problemen die overlast geven, een veiligheidsrisico "
                "vormen of met veiligheidsorganisaties in aanraking komen, ook als zij zorg "
                "mijden, krijgen sneller en beter hulp omdat zorgorganisaties eerder aanhaken. "
                "Tegelijk merken zij eerder de gevolgen van hun gedrag, omdat "
                "veiligheidsorganisaties eerder hun expertise en bevoegdheden inzetten.",
                [
                    "Haken zorgorganisaties eerder aan bij casussen met een veiligheidsrisico?",
                    "Zetten veiligheidsorganisaties hun bevoegdheden op tijd in?",
                    "Bereikt de hulp ook burgers die zorg mijden?",
                ],
            ),
        ],
    ),
    (
        "outcome",
        "Outcome",
        [
            (
                "U1",
                "Samenspel tussen beleid, praktijk en kennis georganiseerd",
                "De gemeente heeft geregeld dat beleid, uitvoeringspraktijk en kennis elkaar "
                "versterken. Zo pakt de gemeente lokale vraagstukken waar zorg en veiligheid "
                "elkaar raken vlotter en met meer resultaat aan. Dit item wordt per gemeente "
                "beoordeeld.",
                [
                    "Hoe komen ervaringen uit de praktijk terug in het beleid van de gemeente?",
                    "Gebruikt de gemeente kennis, zoals onderzoek of ervaringsdeskundigheid, "
                    "bij haar aanpak?",
                    "Worden lokale zorg- en veiligheidsvraagstukken sneller opgepakt dan voorheen?",
                ],
            ),
            (
                "U2",
                "Samenhang met regionale beleidsambities bewaakt",
                "De gemeente heeft haar eigen ambities afgestemd op die van regionale "
                "programma's, bijvoorbeeld rond verward gedrag, rond jongeren en middelengebruik, "
                "of rond de rol van het Zorg- en Veiligheidshuis. Zo werken lokaal en "
                "regionaal beleid niet langs elkaar heen. Dit item wordt per gemeente "
                "beoordeeld.",
                [
                    "Welke regionale programma's raken aan het beleid van de gemeente?",
                    "Is het lokale beleid daarop afgestemd?",
                    "Waar botsen lokale en regionale ambities nog?",
                ],
            ),
            (
                "U3",
                "Gemeente maakt deel uit van de regionale infrastructuur Z+V",
                "De gemeente doet mee in de integrale regionale infrastructuur en het netwerk "
                "dat daarbij hoort, naast zorgpartners als GGD en GGZ en veiligheidspartners "
                "als OM en politie. Dat verband coördineert of regisseert taken op het gebied "
                "van veiligheid en heeft een formele inrichting op alle drie de niveaus: "
                "bestuur, tactiek en uitvoering. Dit item wordt per gemeente beoordeeld.",
                [
                    "Is de gemeente op bestuurlijk, tactisch en operationeel niveau "
                    "vertegenwoordigd?",
                    "Is haar deelname formeel vastgelegd?",
                    "Lopen de veiligheidstaken van de gemeente via het regionale "
                    "samenwerkingsverband?",
                ],
            ),
        ],
    ),
]


def create_framework(apps, schema_editor):
    Framework = apps.get_model("checklist", "Framework")
    ItemGroup = apps.get_model("checklist", "ItemGroup")
    Item = apps.get_model("checklist", "Item")

    Framework.objects.filter(is_current=True).update(is_current=False)
    framework = Framework.objects.create(
        name=NAME,
        version=VERSION,
        is_current=True,
        source=SOURCE,
        created_on=datetime.date(2020, 1, 31),
    )
    for group_order, (stage, group_name, items) in enumerate(GROUPS, start=1):
        group = ItemGroup.objects.create(
            framework=framework, stage=stage, name=group_name, order=group_order
        )
        Item.objects.bulk_create(
            Item(
                framework=framework,
                group=group,
                code=code,
                title=title,
                description=description,
                guiding_questions="\n".join(questions),
                per_municipality=stage == "outcome",
                order=item_order,
            )
            for item_order, (code, title, description, questions) in enumerate(items, start=1)
        )


def delete_framework(apps, schema_editor):
    Framework = apps.get_model("checklist", "Framework")
    Framework.objects.filter(name=NAME, version=VERSION).delete()


class Migration(migrations.Migration):
    dependencies = [("checklist", "0001_initial")]

    operations = [migrations.RunPython(create_framework, delete_framework)]
