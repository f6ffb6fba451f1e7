"""The association's own texts for the demo site.

Thai: from the association's "About us" page, with spacing tidied. English: the project's
translation.
Counts are not here: they live on the network records and totals are computed.
"""

HISTORY_TH = [
    'ท่ามกลางการเปลี่ยนแปลงของกระแสสังคมไทย และกระแสสังคมโลกในยุคเศรษฐกิจภาคทุนนิยม ที่มีการแข่งขันกันอย่างรุนแรงก้าวล้ำด้วยเทคโนโลยี และระบบการสื่อสารไร้พรมแดน จนกระทั่งนำสู่ภาวะวิกฤตเศรษฐกิจครั้งยิ่งใหญ่ของสังคมไทย ได้ก่อให้เกิดการเคลื่อนไหวในหลายๆ ด้านทั้งในด้านการปฏิรูปการเมือง การจัดตั้งองค์กรอิสระขึ้นมากมาย เช่น กกต. ปปช. พอช. สสส. สปรส. สช. ศาลรัฐธรรมนูญ ฯลฯ และในส่วนของภาคประชาชน ก็ได้มีการจัดตั้งองค์กร และเครือข่ายองค์กรเพื่อการแก้ปัญหาตนเอง ถือว่าเป็นมิติใหม่ของภาคประชาชน พร้อมทั้งการขับเคลื่อนของประชาสังคมในทุกพื้นที่ เช่นกัน ในแต่ละจังหวัด ก็มีองค์กรประชาชนเกิดขึ้นมากมาย ทั้งในชุมชนเมืองและชนบท นับตั้งแต่กลุ่มช่วยเหลือตนเอง อย่างกลุ่มออมทรัพย์ กลุ่มจัดการทรัพยากรธรรมชาติ เช่น กลุ่มป่าชุมชน กลุ่มจัดการลุ่มน้ำ รวมถึงกลุ่มธุรกิจชุมชน เช่น กลุ่มร้านค้าชุมชน โรงสีรวม กลุ่มค้าข้าว กลุ่มสื่อ กลุ่มศิลปินสื่อพื้นบ้าน ซึ่งกลุ่มต่างๆ ได้มีการเคลื่อนไหว และดำเนินการอย่างต่อเนื่อง ในขณะที่บางกลุ่ม/องค์กร มีการเคลื่อนไหวจัดตั้งเป็นสหกรณ์ บางกลุ่ม/องค์กรได้ประสานกันเป็น"เครือข่ายองค์กร" เช่น เครือข่ายเกษตรกรรมทางเลือก เครือข่ายป่าชุมชน เครือข่ายองค์กรการเงิน เครือข่ายวิชาชีพและสื่อชุมชนฯ เครือข่ายลุ่มน้ำ ฯลฯ นอกเหนือจากนี้ยังมีการรวมตัวกันจัดตั้งเป็นองค์กร และประสานเป็นเครือข่ายของกลุ่มปัญหาในทุกระดับ เช่น สมัชชาเกษตรกรรายย่อยภาคอีสาน สมัชชาคนจน สมัชชาลุ่มน้ำมูล ชุมนุมสหพันธ์สหกรณ์ มูลนิธิเกษตรกรไทย เป็นต้น',
    'อย่างไรก็ดีการเคลื่อนไหวที่ผ่านมามีลักษณะ"เฉพาะส่วน"และกระจัดกระจายกระบวนการเรียนรู้ร่วมกันของกลุ่มองค์กรในท้องถิ่นยังมีอยู่น้อย ซึ่งจากการแลกเปลี่ยนเรียนรู้ซึ่งกันและกัน พบว่ามีความต้องการให้เกิดเวที การแลกเปลี่ยนเรียนรู้บทเรียนการแก้ปัญหาของภาคประชาชนในทุกระดับ เพื่อร่วมกันสะท้อนปัญหา หรืออาจจะมีแนวทางที่จะเกื้อหนุนช่วยเหลือกันระหว่างองค์กร และองค์กรเครือข่าย',
    "ดังนั้น คณะทำงานประสานงานเครือข่ายองค์กรชุมชน ซึ่งได้รับงบประมาณสนับสนุนจากสถาบันพัฒนาองค์กรชุมชน(องค์การมหาชน) และมีกลุ่ม /องค์กร / เครือข่ายองค์กรชุมชน / องค์กรพัฒนาเอกชน นักวิชาการ กลุ่มเยาวชน กลุ่มผู้สูงอายุ และกลุ่มปัญหา ต่างๆ เข้าร่วมในเบื้องต้น ๑๐ องค์กร ร่วมกันจัดตั้งเป็นศูนย์ประสานงานเครือข่ายองค์กรชุมชน จ.สุรินทร์ ขึ้น และยื่นขอจดทะเบียนเป็น “สมาคมพัฒนาเครือข่ายองค์กรชุมชน” ในปัจจุบัน",
]
VISION_TH = "รวมพลังสร้างสรรค์ เพื่อการพัฒนาตนเองตามวิถีชุมชน บนพื้นฐานของความพอเพียง"
PHILOSOPHY_TH = "ประสบการณ์และการเรียนรู้อยู่ที่การปฏิบัติ ความรู้ความสามารถ และความเชี่ยวชาญมา จากการลงมือทำ"
OBJECTIVES_TH = [
    "เพื่อสนับสนุน ส่งเสริม และพัฒนากระบวนการเรียนรู้ ให้แก่กลุ่ม/องค์กร และเครือข่ายองค์กรชุมชน ให้มีความเข้มแข็ง มีความรู้ความสามารถในการบริหารจัดการ ที่ส่งผลให้องค์กรชุมชนและเครือข่ายองค์กรชุมชนเกิด ความเข้มแข็งสามารถพึ่งตนเอง พึ่งกันเองและตอบสนองความต้องการของสมาชิกได้",
    "เพื่อส่งเสริมและพัฒนา กลุ่ม องค์กร และ เครือข่ายองค์กรชุมชน ให้เป็นแกนหลักในการสร้าง และพัฒนาระบบสวัสดิการชุมชนการสงเคราะห์ ตลอด ถึงธุรกิจและเศรษฐกิจชุมชนพึ่งตนเองแบบพอเพียง",
    "เพื่อเป็นสื่อกลางในการเผยแพร่ข้อมูลข่าวสาร และความรู้ด้านการพัฒนา การเกษตร วิชาชีพ วิชา การ การศึกษา ความบันเทิง ศิลปะ วัฒนธรรม ประเพณี สิทธิหน้าที่ กฎหมาย และความรู้ทั่วไป",
    "เพื่อส่งเสริมและพัฒนาบทบาทของ องค์กรชุมชน และเครือข่ายองค์กรชุมชน ให้เป็นแกนหลักและมีส่วนร่วมในกลไกประชาสังคม อันก่อให้เกิดการประสานความร่วมมือระหว่างภาคีต่างๆ ในท้องถิ่น",
    "จัดหารายได้ สำหรับใช้ในกิจกรรมการ ประชุมสัมมนา ค่าย อบรม เวทีแลกเปลี่ยนเรียนรู้ ผลิตสื่อ และจัดการองค์ความรู้ เพื่อพัฒนาศักยภาพบุคคลากร อาสาสมัคร ผู้นำกลุ่ม องค์กร และเครือข่ายองค์กรชุมชน ให้มีความรู้ความสามารถในด้านการพัฒนาสังคมชุมชน ท้องถิ่น โดยไม่ยุ่งเกี่ยวกับการเมือง",
]
MISSIONS_TH = [
    "พัฒนา ศักยภาพ ผู้นำ เยาวชน และผู้สูงอายุ ให้มีวิสัยทัศน์ที่ดีในการพัฒนา",
    "ส่งเสริมกระบวนการทำงานของกลุ่ม/องค์กร/เครือข่ายองค์กรภาคประชาชนให้เป็นรูปธรรม",
    "สรรค์สร้างงานอาชีพสร้างรายได้ให้แก่สมาชิกกลุ่ม/องค์กร/เครือข่าย/ชุมชน ให้พึ่งตนเองได้",
    "สืบทอด ภารกิจในการจัดกิจกรรมเพื่อการอนุรักษ์ ฟื้นฟู และถ่ายทอดภูมิปัญญาสู่อนุชนรุ่นหลัง",
    "สนับสนุนกิจกรรมเพื่อการสร้างเสริมสุขภาพและพัฒนาคุณภาพชีวิตที่ดีในชุมชน",
    "เป็นช่องทางการสื่อสาร และเป็นศูนย์กลางในการพบปะแลกเปลี่ยน ส่งต่อข้อมูลข่าวสารสู่สังคม",
    "ริเริ่มกระบวนการในการจัดสวัสดิการเพื่อช่วยเหลือกันเอง ช่วยเหลือสังคม และผู้ด้อยโอกาส",
    "จัดกิจกรรม เพื่อการอนุรักษ์ ฟื้นฟู และเฝ้าระวังทรัพยากรธรรมชาติและสิ่งแวดล้อมอย่างต่อเนื่อง",
    "เชื่อมร้อยเครือข่าย ประสานความร่วมมือกับหน่วยงานราชการ กลุ่ม/องค์กร และเครือข่ายอื่นๆ",
]
POLICIES_TH = [
    "สร้างกระบวนการเรียนรู้สู่การปฏิบัติ เพื่อพัฒนาศักยภาพผู้นำที่ดี ให้มีความรู้ความสามารถในด้านการพัฒนาชุมชน/ท้องถิ่น มีความรอบรู้ และมีจิตสำนึกที่ดี ต่อการทำงานภาคประชาชน และวัฒนธรรมชุมชน",
    "สร้างและขยายเครือข่ายองค์กรชุมชน ที่มีความเข้มแข็ง มีรูปธรรมการทำงาน โดยการจัดตั้งศูนย์ ประสานงานเครือข่ายองค์กรชุมชน พร้อมเชื่อมโยงและแลกเปลี่ยนประสบการณ์ กิจกรรม ผลงาน ผลิตภัณฑ์ภูมิ ปัญญาและข้อมูลข่าวสารให้กว้างขวางมากยิ่งขึ้นทั้งในระดับจังหวัด ระดับภูมิภาค และระดับประเทศ",
    "สนับสนุนและส่งเสริมให้สมาชิกของกลุ่ม องค์กรในเครือข่ายมีอาชีพ มีรายได้สามารถพึ่งพาตน เองได้ มีสุขภาพและคุณภาพชีวิตที่ดีมีความสามารถในการช่วยเหลือเกื้อกูลกันได้อย่างพอเพียง โดยการใช้ทุนทางสังคมที่มีอยู่ในชุมชนเป็นสำคัญ",
    "จัดกิจกรรมและให้ความร่วมมือในการจัดกิจกรรม กับกลุ่ม/องค์กร/หน่วยงานหรือชุมชนที่ดำเนิน งานหรือกิจกรรม เพื่อการอนุรักษ์ ฟื้นฟู และสืบทอดวิถี ชีวิต ศิลปวัฒนธรรม ประเพณี พิธีกรรม ความเชื่อ ภูมิปัญญาท้องถิ่นทรัพยากรธรรมชาติและสิ่งแวดล้อมในทุกพื้นที่",
    "ผลิตและพัฒนาสื่อทางเลือกภาคประชาชน ให้มีคุณภาพ เผยแพร่ให้สมาชิกและประชาชนได้รับรู้ ข้อมูลข่าวสารและรู้เท่าทันต่อการเปลี่ยนแปลงของสังคม",
    "จัดกิจกรรมเพื่อปลุกจิตสำนึกให้เยาวชน และประชาชนมีความตระหนักและมีส่วนร่วมในการดูแล ปกป้อง และเฝ้าระวังทางวัฒนธรรม ตลอดถึงการหวงแหนทรัพยากรธรรมชาติและสิ่งแวดล้อม",
    "ประสานความร่วมมือ กับบุคคล หน่วยงานทั้งภาครัฐ ภาคเอกชน กลุ่ม/องค์กร/บริษัท/ห้างร้านและประชาชนทุกภาคส่วนในสังคม ให้มีส่วนร่วมในการพัฒนาสังคม ชุมชน ท้องถิ่น เพื่อสร้างสังคมที่น่าอยู่ โดยไม่ยิ่งเกี่ยวกับการเมือง",
    "เฝ้าระวังภัยทางสังคม วัฒนธรรม และสิ่งแวดล้อม เพื่อป้องกันปัญหา ที่จะส่งผลกระทบต่อชุมชน ท้องถิ่น และสังคมส่วนรวม",
]
STRUCTURE_TH = "มีคณะกรรมการบริหารที่มาจากการเลือกตั้งและแต่งตั้งบุคคลที่ได้รับการเสนอชื่อจากเครือข่ายองค์กรสมาชิกโดยคัดเลือกตัวแทนของกลุ่ม/องค์กรและเครือข่ายองค์กรที่เป็นสมาชิกจากทุกภูมิภาคของประเทศไทย เข้ามาร่วมเป็นคณะทำงาน"

HISTORY_EN = [
    "Amid the changes sweeping Thai and global society in an age of fierce capitalist "
    "competition, borderless technology and communication, and finally a great economic crisis, "
    "Thailand saw movement on many fronts: political reform and many new independent bodies such "
    "as the Election Commission, the anti-corruption commission, the Community Organizations "
    "Development Institute (CODI) and the Thai Health Promotion Foundation. People, too, formed "
    "their own organisations and networks to solve their own problems, in towns and villages "
    "alike: savings groups, community forest and watershed groups, community shops, shared rice "
    "mills, rice traders, media groups and folk artists. Some became cooperatives; others joined "
    "as networks, such as the alternative agriculture, community forest, community finance, "
    "community vocations and media, and river basin networks, and assemblies such as the "
    "Assembly of Small-Scale Farmers of the Northeast and the Assembly of the Poor.",
    "Yet this movement was fragmented, and local groups had few chances to learn together. "
    "Exchanging experience, they found they wanted forums at every level to share the lessons "
    "of people solving their own problems, to reflect on them together and to support one "
    "another between organisations and networks.",
    "So a working group for coordinating community organisation networks, funded by CODI and "
    "joined at first by 10 groups, organisations, community networks, NGOs, academics, youth "
    "groups, elderly groups and others, founded the Surin Community Organization Network "
    "Coordination Centre, and registered it as the Community Organization Network Development "
    "Association.",
]
VISION_EN = (
    "Join forces creatively for self-development in the community's own way, on the basis of "
    "sufficiency."
)
PHILOSOPHY_EN = (
    "Experience and learning come from practice; knowledge, skill and expertise come from doing."
)
OBJECTIVES_EN = [
    "To support, promote and develop learning for groups, organisations and community networks "
    "so that they grow strong, manage themselves well, rely on themselves and on each other, and "
    "meet their members' needs.",
    "To help groups, organisations and community networks lead in building community welfare and "
    "mutual aid, and a self-reliant community economy based on sufficiency.",
    "To be a channel for news and knowledge on development, agriculture, vocations, academic "
    "subjects, education, entertainment, arts, culture, tradition, rights and duties, law and "
    "general knowledge.",
    "To strengthen the role of community organisations and networks in civil society and in "
    "cooperation between local partners.",
    "To raise funds for meetings, seminars, camps, trainings, learning forums, media production "
    "and knowledge management that build the skills of volunteers and leaders of community "
    "organisations, without taking part in party politics.",
]
MISSIONS_EN = [
    "Develop leaders, young people and elders with a good vision for development.",
    "Make the work of people's groups, organisations and networks concrete.",
    "Create vocations and income so that members and communities can rely on themselves.",
    "Carry on activities that conserve, revive and hand down local wisdom to the next generation.",
    "Support activities for health and a better quality of life in the community.",
    "Be a channel of communication and a centre where people meet, exchange and pass information "
    "to society.",
    "Start community welfare that helps members, society and the disadvantaged.",
    "Conserve, revive and keep watch over natural resources and the environment.",
    "Link networks and cooperate with government agencies, groups, organisations and other "
    "networks.",
]
POLICIES_EN = [
    "Learn through practice to develop good leaders who understand community and local "
    "development and care for people's work and community culture.",
    "Build and widen strong community networks by founding coordination centres, and exchange "
    "experience, activities, results, local-wisdom products and information at provincial, "
    "regional and national level.",
    "Help members have vocations and income, rely on themselves, stay healthy and help each "
    "other sufficiently, drawing above all on the community's own social capital.",
    "Organise and join activities that conserve, revive and hand down ways of life, arts, "
    "culture, traditions, rituals, beliefs, local wisdom, natural resources and the environment.",
    "Produce and develop quality alternative people's media and publish it to members and the "
    "public so they keep informed and aware of social change.",
    "Raise awareness among young people and the public to care for, protect and watch over "
    "culture, natural resources and the environment.",
    "Work with individuals, government, business, groups and people from every part of society "
    "to develop a good society, without taking part in party politics.",
    "Watch for social, cultural and environmental dangers to prevent harm to communities.",
]
STRUCTURE_EN = (
    "The association is run by a board elected and appointed from people nominated by the member "
    "networks: representatives of member groups, organisations and networks."
)

# The association's member networks: (slug, Thai, English, organisations, unit, members)
NETWORKS = [
    (
        "media",
        "เครือข่ายวิชาชีพและสื่อชุมชนจังหวัดสุรินทร์",
        "Surin Community Vocations and Media Network",
        10,
        "organisations",
        680,
    ),
    (
        "elderly",
        "เครือข่ายชมรมผู้สูงอายุจังหวัดสุรินทร์",
        "Surin Elderly Clubs Network",
        55,
        "organisations",
        10700,
    ),
    (
        "youth",
        "เครือข่ายองค์กรเยาวชน จ.สุรินทร์",
        "Surin Youth Organisations Network",
        30,
        "organisations",
        3168,
    ),
    (
        "mun-river",
        "เครือข่ายพัฒนาลุ่มน้ำมูล",
        "Mun River Basin Development Network",
        10,
        "organisations",
        1300,
    ),
    (
        "small-farmers",
        "เครือข่ายสมัชชาเกษตรกรรายย่อย (๑) ภาคอีสาน",
        "Assembly of Small-Scale Farmers of the Northeast (1)",
        11,
        "organisations",
        800,
    ),
    ("culture", "เครือข่ายวัฒนธรรมชุมชน", "Community Culture Network", 20, "organisations", 2000),
    (
        "peoples-politics",
        "เครือข่ายการเมืองภาคประชาชน จ.สุรินทร์",
        "Surin People's Politics Network",
        6,
        "organisations",
        335,
    ),
    (
        "border-care",
        "เครือข่ายสานรักษ์ชายแดน",
        "Border Care Network (San Rak Chai Daen)",
        8,
        "organisations",
        450,
    ),
    (
        "district-centres",
        "เครือข่ายศูนย์ประสานงานองค์กรชุมชนระดับอำเภอ",
        "District Community Organisation Coordination Centres",
        17,
        "centres",
        1970,
    ),
    (
        "environment",
        "เครือข่ายอาสาสมัครพิทักษ์สิ่งแวดล้อม",
        "Environmental Protection Volunteers Network",
        10,
        "organisations",
        2000,
    ),
]
NETWORK_COLOURS = [
    "#0b5c3b",
    "#7a3e00",
    "#1d4f91",
    "#005f73",
    "#5c6b00",
    "#8a1c4a",
    "#4b3a8f",
    "#6b4e16",
    "#2f5d50",
    "#2e6b1f",
]

NETWORK_DESCRIPTIONS = {
    "media": (
        "นักสื่อสารชุมชน วิทยุชุมชน และกลุ่มอาชีพ ผู้ผลิตสื่อทางเลือกภาคประชาชนของจังหวัดสุรินทร์",
        "Community reporters, community radio and vocational groups who make Surin's alternative "
        "people's media.",
    ),
    "elderly": (
        "ชมรมผู้สูงอายุทั่วจังหวัดสุรินทร์ ดูแลสุขภาพ สวัสดิการ และถ่ายทอดภูมิปัญญาสู่คนรุ่นหลัง",
        "Elderly clubs across Surin: health, welfare, and passing local wisdom to the young.",
    ),
    "youth": (
        "องค์กรเยาวชนที่เรียนรู้ด้วยการลงมือทำ ทั้งค่าย สื่อ ศิลปะ และงานอาสา",
        "Youth organisations learning by doing: camps, media, arts and volunteering.",
    ),
    "mun-river": (
        "ชุมชนริมแม่น้ำมูลที่ร่วมกันดูแลแหล่งน้ำ ป่าบุ่งป่าทาม และวิถีประมงพื้นบ้าน",
        "Communities along the Mun river caring for its water, flooded forests and fishing.",
    ),
    "small-farmers": (
        "เกษตรกรรายย่อยภาคอีสานที่ร่วมกันเรียกร้องสิทธิ และพัฒนาเกษตรกรรมทางเลือก",
        "Small-scale farmers of the Northeast standing up for their rights and alternative "
        "agriculture.",
    ),
    "culture": (
        "ผู้สืบทอดศิลปวัฒนธรรม ประเพณี และพิธีกรรมของชาวสุรินทร์ ทั้งไทย ลาว เขมร และกูย",
        "Keepers of the arts, traditions and rituals of Surin's Thai, Lao, Khmer and Kui people.",
    ),
    "peoples-politics": (
        "พลเมืองที่เรียนรู้สิทธิ หน้าที่ และการมีส่วนร่วมทางการเมืองภาคประชาชน โดยไม่ฝักใฝ่พรรคการเมือง",
        "Citizens learning rights, duties and participation in public life, with no party ties.",
    ),
    "border-care": (
        "ชุมชนชายแดนไทย-กัมพูชาที่ดูแลกันและกัน สร้างสันติสุขและความสัมพันธ์ข้ามพรมแดน",
        "Communities on the Thai-Cambodian border caring for each other and for peace.",
    ),
    "district-centres": (
        "ศูนย์ประสานงานองค์กรชุมชนระดับอำเภอ ๑๗ อำเภอ เชื่อมองค์กรชุมชนในพื้นที่เข้ากับเครือข่าย",
        "Coordination centres in Surin's 17 districts linking local groups to the networks.",
    ),
    "environment": (
        "อาสาสมัครที่เฝ้าระวัง อนุรักษ์ และฟื้นฟูทรัพยากรธรรมชาติและสิ่งแวดล้อมในชุมชน",
        "Volunteers watching over, conserving and restoring the natural environment.",
    ),
}
