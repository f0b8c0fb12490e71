"""The city's issuing bodies and the fields of law of its foreign-affairs documents, named in
every edition's language (reference data; editors add more in the admin)."""

from django.db import migrations

LANGUAGES = ("vi", "en", "zh_hans", "lo", "km")

BODIES = [
    ("hdnd-thanh-pho", (
        "Hội đồng nhân dân thành phố Hà Nội", "Hanoi People's Council", "河内市人民议会",
        "ສະພາປະຊາຊົນ ນະຄອນຮ່າໂນ້ຍ", "ក្រុមប្រឹក្សាប្រជាជនទីក្រុងហាណូយ",
    )),
    ("ubnd-thanh-pho", (
        "Ủy ban nhân dân thành phố Hà Nội", "Hanoi People's Committee", "河内市人民委员会",
        "ຄະນະກຳມະການປະຊາຊົນ ນະຄອນຮ່າໂນ້ຍ", "គណៈកម្មាធិការប្រជាជនទីក្រុងហាណូយ",
    )),
    ("chu-tich-ubnd", (
        "Chủ tịch Ủy ban nhân dân thành phố Hà Nội", "Chairman of the Hanoi People's Committee",
        "河内市人民委员会主席", "ປະທານຄະນະກຳມະການປະຊາຊົນ ນະຄອນຮ່າໂນ້ຍ",
        "ប្រធានគណៈកម្មាធិការប្រជាជនទីក្រុងហាណូយ",
    )),
    ("so-ngoai-vu", (
        "Sở Ngoại vụ Hà Nội", "Hanoi Department of Foreign Affairs", "河内市外务厅",
        "ພະແນກການຕ່າງປະເທດ ນະຄອນຮ່າໂນ້ຍ", "មន្ទីរការបរទេសទីក្រុងហាណូយ",
    )),
    ("so-tu-phap", (
        "Sở Tư pháp Hà Nội", "Hanoi Department of Justice", "河内市司法厅",
        "ພະແນກຍຸຕິທຳ ນະຄອນຮ່າໂນ້ຍ", "មន្ទីរយុត្តិធម៌ទីក្រុងហាណូយ",
    )),
    ("cong-an-thanh-pho", (
        "Công an thành phố Hà Nội", "Hanoi City Police", "河内市公安局",
        "ກອງບັນຊາການ ປກສ ນະຄອນຮ່າໂນ້ຍ", "ស្នងការដ្ឋាននគរបាលទីក្រុងហាណូយ",
    )),
    ("so-ke-hoach-dau-tu", (
        "Sở Kế hoạch và Đầu tư Hà Nội", "Hanoi Department of Planning and Investment",
        "河内市计划投资厅", "ພະແນກແຜນການ ແລະ ການລົງທຶນ ນະຄອນຮ່າໂນ້ຍ",
        "មន្ទីរផែនការ និងវិនិយោគទីក្រុងហាណូយ",
    )),
    ("so-lao-dong", (
        "Sở Lao động – Thương binh và Xã hội Hà Nội",
        "Hanoi Department of Labour, Invalids and Social Affairs", "河内市劳动荣军社会厅",
        "ພະແນກແຮງງານ ແລະ ສະຫວັດດີການສັງຄົມ ນະຄອນຮ່າໂນ້ຍ",
        "មន្ទីរការងារ យុទ្ធជនពិការ និងសង្គមកិច្ចទីក្រុងហាណូយ",
    )),
]

FIELDS = [
    ("doi-ngoai", ("Đối ngoại", "Foreign affairs", "外事", "ການຕ່າງປະເທດ", "ការបរទេស")),
    ("xuat-nhap-canh-cu-tru", (
        "Xuất nhập cảnh, cư trú", "Entry, exit and residence", "出入境与居留",
        "ການເຂົ້າ-ອອກເມືອງ ແລະ ການພັກເຊົາ", "ការចេញចូល និងការស្នាក់នៅ",
    )),
    ("dau-tu", ("Đầu tư", "Investment", "投资", "ການລົງທຶນ", "ការវិនិយោគ")),
    ("lao-dong-nuoc-ngoai", (
        "Lao động nước ngoài", "Foreign workers", "外国劳动者", "ແຮງງານຕ່າງປະເທດ",
        "ពលករបរទេស",
    )),
    ("hop-tac-quoc-te", (
        "Hợp tác quốc tế", "International cooperation", "国际合作", "ການຮ່ວມມືສາກົນ",
        "កិច្ចសហប្រតិបត្តិការអន្តរជាតិ",
    )),
    ("to-chuc-phi-chinh-phu", (
        "Tổ chức phi chính phủ nước ngoài", "Foreign non-governmental organisations",
        "外国非政府组织", "ອົງການຈັດຕັ້ງທີ່ບໍ່ແມ່ນລັດຖະບານຕ່າງປະເທດ",
        "អង្គការក្រៅរដ្ឋាភិបាលបរទេស",
    )),
    ("hoi-nghi-hoi-thao-quoc-te", (
        "Hội nghị, hội thảo quốc tế", "International conferences and seminars",
        "国际会议与研讨会", "ກອງປະຊຸມ ແລະ ສຳມະນາສາກົນ", "សន្និសីទ និងសិក្ខាសាលាអន្តរជាតិ",
    )),
    ("thong-tin-doi-ngoai", (
        "Thông tin đối ngoại", "Foreign information", "对外信息",
        "ຂໍ້ມູນຂ່າວສານຕ່າງປະເທດ", "ព័ត៌មានការបរទេស",
    )),
    ("bao-chi-nuoc-ngoai", (
        "Báo chí nước ngoài", "Foreign press", "外国新闻媒体", "ສື່ມວນຊົນຕ່າງປະເທດ",
        "សារព័ត៌មានបរទេស",
    )),
]


def _names(names):
    values = {f"name_{code}": name for code, name in zip(LANGUAGES, names, strict=True)}
    values["name"] = names[0]
    return values


def load(apps, schema_editor):
    for model_name, rows in (("IssuingBody", BODIES), ("LegalField", FIELDS)):
        model = apps.get_model("legal", model_name)
        for position, (code, names) in enumerate(rows):
            model.objects.update_or_create(
                code=code, defaults={"position": position, **_names(names)}
            )


def unload(apps, schema_editor):
    for model_name, rows in (("IssuingBody", BODIES), ("LegalField", FIELDS)):
        apps.get_model("legal", model_name).objects.filter(
            code__in=[code for code, _names in rows]
        ).delete()


class Migration(migrations.Migration):
    dependencies = [("legal", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
