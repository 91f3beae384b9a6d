"""The standard areas of cooperation; slugs are shared with the extraction lexicon."""

STANDARD_AREAS = [
    ("transport", "Giao thông vận tải", "Transport"),
    ("environment", "Môi trường", "Environment"),
    ("smart_city", "Thành phố thông minh", "Smart city"),
    ("culture", "Văn hóa", "Culture"),
    ("people_to_people", "Giao lưu nhân dân", "People-to-people exchange"),
    ("education", "Giáo dục, đào tạo", "Education"),
    ("health", "Y tế", "Health"),
    ("tourism", "Du lịch", "Tourism"),
    ("trade_investment", "Thương mại, đầu tư", "Trade and investment"),
    ("digital_transformation", "Chuyển đổi số", "Digital transformation"),
    ("e_government", "Chính quyền điện tử", "E-government"),
    ("cyber_security", "An ninh mạng", "Cyber security"),
    ("urban_planning", "Quy hoạch đô thị", "Urban planning"),
    ("waste_water", "Xử lý rác thải, nước thải", "Waste and water"),
    ("innovation", "Đổi mới sáng tạo", "Innovation"),
    ("agriculture", "Nông nghiệp", "Agriculture"),
    ("security", "An ninh, trật tự", "Public security"),
]


def ensure_standard_areas(area_model):
    """Creates the standard areas that are missing (the model is passed so that data
    migrations can give their historical one)."""
    for slug, name_vi, name_en in STANDARD_AREAS:
        area_model.objects.get_or_create(slug=slug, defaults={"name_vi": name_vi, "name_en": name_en})
